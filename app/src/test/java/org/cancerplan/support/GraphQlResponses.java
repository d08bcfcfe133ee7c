package org.cancerplan.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * What tests read of a GraphQL tester's response besides its data: its errors, and the
 * whole of it as JSON.
 */
public final class GraphQlResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphQlResponses() {
    }

    /**
     * The response's errors, which then count as expected: its data can be read after
     * (the tester refuses to read the data of a response with errors nobody looked at).
     */
    public static List<ResponseError> errorsOf(GraphQlTester.Response response) {
        List<ResponseError> errors = new ArrayList<>();
        response.errors().satisfy(errors::addAll);
        return errors;
    }

    /** The response's first error (see {@link #errorsOf}); fails when there is none. */
    public static ResponseError firstError(GraphQlTester.Response response) {
        List<ResponseError> errors = errorsOf(response);
        assertThat(errors).as("the errors of %s", json(response)).isNotEmpty();
        return errors.get(0);
    }

    /** The whole response as JSON, as it came: for what must appear nowhere in it. */
    public static String json(GraphQlTester.Response response) {
        return JSON.writeValueAsString(response.returnResponse().toMap());
    }

    /**
     * For {@code StepVerifier}'s {@code expectErrorSatisfies}: the service ended the
     * subscription with an {@code error} message whose first error has this
     * {@code extensions.code}.
     */
    public static Consumer<Throwable> subscriptionEndedWith(String code) {
        return ended -> assertThat(ended).isInstanceOfSatisfying(SubscriptionErrorException.class,
                refusal -> assertThat(refusal.getErrors()).as(refusal.getErrors().toString())
                    .first()
                    .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", code)));
    }

}
