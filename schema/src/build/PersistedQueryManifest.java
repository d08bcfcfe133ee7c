import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step: writes the trusted documents (every *.graphql file in the given folders) as a persisted-query manifest
 * (Apollo's format: id = SHA-256 of the exact file text, which clients send as the query or as the hash alone).
 * Usage: java PersistedQueryManifest.java OUTPUT FOLDER...; a missing folder fails the build.
 */
public class PersistedQueryManifest {

    private static final Pattern OPERATION = Pattern.compile("^\\s*(query|mutation|subscription)\\s+(\\w+)",
            Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        List<String> operations = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path folder = Path.of(args[i]);
            if (!Files.isDirectory(folder)) {
                throw new IOException("Trusted documents folder not found: " + folder.toAbsolutePath()
                        + " (set -Dcancerplan.contract.dir to the contract's folder)");
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList()) {
                    operations.add(entry(file));
                }
            }
        }
        Files.createDirectories(output.getParent());
        Files.writeString(output, "{\n  \"format\": \"apollo-persisted-query-manifest\",\n  \"version\": 1,\n"
                + "  \"operations\": [\n" + String.join(",\n", operations) + "\n  ]\n}\n", StandardCharsets.UTF_8);
        System.out.println("[trusted documents] " + operations.size() + " operations -> " + output);
    }

    private static String entry(Path file) throws Exception {
        String body = Files.readString(file, StandardCharsets.UTF_8);
        Matcher operation = OPERATION.matcher(body);
        if (!operation.find()) {
            throw new IOException(file + " holds no named operation");
        }
        String id = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        return "    {\"id\": \"" + id + "\", \"name\": \"" + operation.group(2) + "\", \"type\": \""
                + operation.group(1) + "\", \"body\": " + json(body) + "}";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
