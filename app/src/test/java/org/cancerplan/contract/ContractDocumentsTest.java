package org.cancerplan.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.cancerplan.graphql.Scalars;
import org.cancerplan.support.Contract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every client operation of the contract must validate against the schema. Operations
 * whose features are still to be built are listed in {@link #NOT_YET_BUILT} with the
 * issue that builds them; the list must shrink to empty.
 */
class ContractDocumentsTest {

    /** Operation → the issue whose feature makes it valid. */
    static final Map<String, Integer> NOT_YET_BUILT = Map.of();

    private static GraphQLSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        TypeDefinitionRegistry types = new TypeDefinitionRegistry();
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:graphql/**/*.graphqls");
        assertThat(files).isNotEmpty();
        for (Resource file : files) {
            try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                types.merge(new SchemaParser().parse(reader));
            }
        }
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        Scalars.ALL.forEach(wiring::scalar);
        schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    }

    static Stream<String> operations() {
        Path folder = Contract.folder();
        return Contract.operations().stream().map(file -> folder.relativize(file).toString().replace(".graphql", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void operationValidatesUnlessItsFeatureIsStillToBeBuilt(String name) throws IOException {
        List<String> errors = validate(name);

        if (NOT_YET_BUILT.containsKey(name)) {
            assertThat(errors).as("%s now validates: remove it from NOT_YET_BUILT", name).isNotEmpty();
        }
        else {
            assertThat(errors).as(name).isEmpty();
        }
    }

    @Test
    void everyOperationStillToBeBuiltExists() {
        assertThat(operations().toList()).containsAll(NOT_YET_BUILT.keySet());
    }

    private static List<String> validate(String name) throws IOException {
        String document = Files.readString(Contract.folder().resolve(name + ".graphql"));
        ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema,
                ExecutionInput.newExecutionInput(document).build());
        return result.getErrors().stream().map(Object::toString).toList();
    }

}
