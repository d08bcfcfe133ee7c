package org.cancerplan.graphql;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerAuthentication;
import org.cancerplan.security.CallerContext;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The first check of every GraphQL request: resolves a persisted-query hash to its
 * trusted document, refuses documents that are too large or, where
 * {@link TrustedDocuments} applies, not trusted; puts the caller in the GraphQL context
 * for {@link RequestLimits}; cancels the request after the timeout (here if execution is
 * asynchronous, else when the next data fetcher would start); reports the rate-limit
 * spending in {@code extensions.cost} and a refusal's wait in {@code Retry-After}; and
 * gives every error of the response its {@link ErrorCode} through {@link ErrorCodes}
 * (before the response is counted in {@link OperationMetrics}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestGuard implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);

    private static final String TOKEN_EXPIRED = "The connection's token has expired: connect again with a new token";

    private final LimitSettings limits;

    private final TrustedDocuments trusted;

    private final StoreCommandCounts commandCounts;

    private final OperationMetrics metrics;

    private final Clock clock;

    RequestGuard(LimitSettings limits, TrustedDocuments trusted, StoreCommandCounts commandCounts,
            OperationMetrics metrics, Clock clock) {
        this.limits = limits;
        this.trusted = trusted;
        this.commandCounts = commandCounts;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Caller caller = callerOf(request); // on the request's thread, where the security
                                           // context is
        return guarded(request, chain, caller).map(ErrorCodes::onEveryError)
            .doOnNext(response -> metrics.count((String) response.getExecutionInput()
                .getGraphQLContext()
                .getOrDefault(RequestLimits.OPERATION, request.getOperationName()), caller, response));
    }

    private Mono<WebGraphQlResponse> guarded(WebGraphQlRequest request, Chain chain, Caller caller) {
        Instant expiresAt = tokenExpiryOf(request);
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            return refuse(Refusal.TOKEN_EXPIRED.error(TOKEN_EXPIRED));
        }
        String document = request.getDocument() == null
                || request.getDocument().equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER) ? ""
                        : request.getDocument();
        Optional<String> hash = persistedQueryHash(request);
        if (hash.isPresent()) {
            Optional<String> body = trusted.body(hash.get());
            if (body.isEmpty() || (!document.isBlank() && !TrustedDocuments.sha256(document).equals(hash.get()))) {
                return refuse(Refusal.UNTRUSTED_DOCUMENT.error("No trusted document has this sha256Hash"));
            }
            if (document.isBlank()) {
                document = body.get();
                String resolved = document;
                request.configureExecutionInput((input, builder) -> builder.query(resolved).build());
            }
        }
        if (document.getBytes(StandardCharsets.UTF_8).length > limits.maxDocumentBytes()) {
            return refuse(Refusal.DOCUMENT_TOO_LARGE
                .error("The document is larger than " + limits.maxDocumentBytes() + " bytes"));
        }
        if (trusted.appliesTo(caller) && !trusted.isTrusted(document)) {
            return refuse(Refusal.UNTRUSTED_DOCUMENT
                .error("Only the operations of the published clients are accepted for this caller"));
        }
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        request.configureExecutionInput((input, builder) -> {
            input.getGraphQLContext().put(RequestLimits.DEADLINE, deadline);
            if (caller != null) {
                input.getGraphQLContext().put(CallerContext.KEY, caller);
            }
            return input;
        });
        Mono<WebGraphQlResponse> response = chain.next(request)
            .timeout(limits.timeout(), Mono.fromSupplier(() -> timedOut(request)))
            .map(result -> Boolean.TRUE
                .equals(result.getExecutionInput().getGraphQLContext().get(RequestLimits.TIMED_OUT)) ? timedOut(request)
                        : reportSpending(result))
            .map(result -> expiresAt == null ? result : endingAt(expiresAt, result));
        return log.isDebugEnabled() ? withCommandCount(response) : response;
    }

    /**
     * Logs the operation's store commands and time (debug level only: counting is not
     * free).
     */
    private Mono<WebGraphQlResponse> withCommandCount(Mono<WebGraphQlResponse> response) {
        StoreCommandCounts.Count commands = commandCounts.start();
        long started = System.nanoTime();
        return response
            .doOnNext(result -> log.debug("{} cost {} store commands in {} ms",
                    result.getExecutionInput().getGraphQLContext().getOrDefault(RequestLimits.OPERATION, "-"),
                    commands.value(), (System.nanoTime() - started) / 1_000_000))
            .doFinally(signal -> commandCounts.stop(commands));
    }

    private WebGraphQlResponse timedOut(WebGraphQlRequest request) {
        log.warn("GraphQL request {} cancelled after {}", request.getOperationName(), limits.timeout());
        return refused(Refusal.TIMEOUT
            .error("The request took longer than " + limits.timeout().toSeconds() + " s and was cancelled"));
    }

    private WebGraphQlResponse reportSpending(WebGraphQlResponse response) {
        if (!(response.getExecutionInput()
            .getGraphQLContext()
            .get(RequestLimits.SPENDING) instanceof RateLimits.Spending spending)) {
            return response;
        }
        if (!spending.allowed()) {
            response.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(spending.retryAfterSeconds()));
        }
        Map<Object, Object> extensions = new LinkedHashMap<>(response.getExtensions());
        extensions.put("cost", spending.asExtension());
        return response.transform(builder -> builder.extensions(extensions));
    }

    /**
     * A subscription lives no longer than the token its WebSocket connection was opened
     * with: at the token's expiry it ends with {@code TOKEN_EXPIRED}, and the client
     * connects again with a fresh token.
     */
    private WebGraphQlResponse endingAt(Instant expiresAt, WebGraphQlResponse response) {
        if (!(response.getExecutionResult().getData() instanceof Publisher<?> events)) {
            return response;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        Flux<?> untilExpiry = Flux.from(events)
            .take(left.isNegative() ? Duration.ZERO : left)
            .concatWith(Mono.defer(() -> clock.instant().isBefore(expiresAt) ? Mono.empty() : Mono
                .error(new SubscriptionPublisherException(List.of(Refusal.TOKEN_EXPIRED.error(TOKEN_EXPIRED)), null))));
        return response.transform(builder -> builder.data(untilExpiry));
    }

    private static Instant tokenExpiryOf(WebGraphQlRequest request) {
        return request instanceof WebSocketGraphQlRequest socket
                && socket.getSessionInfo().getAttributes().get(CallerContext.EXPIRES_AT) instanceof Instant expiry
                        ? expiry : null;
    }

    private static Optional<String> persistedQueryHash(WebGraphQlRequest request) {
        if (request.getExtensions().get("persistedQuery") instanceof Map<?, ?> persisted
                && persisted.get("sha256Hash") instanceof String hash) {
            return Optional.of(hash);
        }
        return Optional.empty();
    }

    private static Caller callerOf(WebGraphQlRequest request) {
        if (request instanceof WebSocketGraphQlRequest socket) {
            return socket.getSessionInfo().getAttributes().get(CallerContext.KEY) instanceof Caller caller ? caller
                    : null;
        }
        return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication
                ? authentication.getPrincipal() : null;
    }

    private static Mono<WebGraphQlResponse> refuse(GraphQLError error) {
        return Mono.just(refused(error));
    }

    private static WebGraphQlResponse refused(GraphQLError error) {
        ExecutionInput input = ExecutionInput.newExecutionInput().query("").build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(input,
                ExecutionResult.newExecutionResult().addError(error).build()));
    }

}
