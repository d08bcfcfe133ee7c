package org.cancerplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.Options;

class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(CancerPlanApplication.class);

    /**
     * Beside the project's code (the tests run in app/), committed: each run writes it
     * afresh from the code.
     */
    private static final Path DOCS = Path.of("..", "docs", "modules");

    @Test
    void featureModulesReachEachOtherOnlyThroughTheirPublicSurface() {
        MODULES.verify();
    }

    @Test
    void theModuleDiagramAndACanvasOfEachModuleAreWrittenToDocs() throws IOException {
        new Documenter(MODULES, Options.defaults().withOutputFolder(DOCS.toString())).writeModulesAsPlantUml()
            .writeModuleCanvases();
        Path diagram = DOCS.resolve("components.puml");
        sortInPlace(diagram, line -> line.strip().startsWith("Component("));
        sortInPlace(diagram, line -> line.startsWith("Rel("));

        for (ApplicationModule module : MODULES) {
            assertThat(diagram).content().contains("\"" + module.getDisplayName() + "\", $techn=\"Module\"");
            assertThat(DOCS.resolve("module-" + module.getIdentifier() + ".adoc")).content()
                .contains("`" + module.getBasePackage().getName() + "`");
        }
    }

    /**
     * Sorts the lines that match among themselves, leaving the others where they are:
     * Documenter writes the modules and their relationships in no fixed order, and the
     * committed diagram should change only when they do.
     */
    private static void sortInPlace(Path file, Predicate<String> matching) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Iterator<String> sorted = lines.stream().filter(matching).sorted().iterator();
        Files.write(file, lines.stream().map(line -> matching.test(line) ? sorted.next() : line).toList());
    }

}
