package org.cancerplan.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * ICD-10 neoplasm codes (C00-D48): which codes are accepted, their display text and
 * whether they are rare cancers, from {@code plan/icd10-neoplasms.tsv} and
 * {@code plan/rare-cancers.tsv}.
 */
@Component
class CancerTypes {

    private static final Pattern CODE = Pattern.compile("^[CD][0-9]{2}(\\.[0-9]{1,2})?$");

    private final Map<String, String> categories;

    private final Set<String> rare;

    CancerTypes() {
        this.categories = read("plan/icd10-neoplasms.tsv");
        this.rare = read("plan/rare-cancers.tsv").keySet();
    }

    /**
     * The code's cancer type, or empty when it is not an ICD-10 neoplasm code in C00-D48.
     */
    Optional<PlanParts.CancerType> find(String code) {
        String normalised = code == null ? "" : code.strip().toUpperCase();
        if (!CODE.matcher(normalised).matches()) {
            return Optional.empty();
        }
        String display = categories.get(normalised.substring(0, 3));
        return display == null ? Optional.empty() : Optional.of(new PlanParts.CancerType(normalised, display));
    }

    boolean isRare(String code) {
        return rare.contains(code) || rare.contains(code.substring(0, 3));
    }

    private static Map<String, String> read(String resource) {
        Map<String, String> entries = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                String[] columns = line.split("\t", 2);
                entries.put(columns[0].strip(), columns.length > 1 ? columns[1].strip() : "");
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return Map.copyOf(entries);
    }

}
