package org.cancerplan.audit;

import java.io.IOException;
import java.util.List;

import graphql.GraphQLError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import reactor.core.publisher.Mono;

/**
 * Opens {@link ReadAudits} for each HTTP request and writes them when its GraphQL
 * response is ready: one audit write per request however many patients' data it read. A
 * failed write replaces the response by an error without data.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ReadAuditFlush extends OncePerRequestFilter implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReadAuditFlush.class);

    private final AuditLog audit;

    ReadAuditFlush(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ReadAudits.open();
        try {
            chain.doFilter(request, response);
        }
        finally {
            ReadAudits.close();
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        ReadAudits reads = ReadAudits.current();
        if (reads == null) {
            return chain.next(request);
        }
        return chain.next(request).map(response -> {
            try {
                audit.write(reads.drain());
                return response;
            }
            catch (RuntimeException failed) {
                log.error("Audit write failed; the response is withheld", failed);
                GraphQLError error = GraphQLError.newError()
                    .errorType(ErrorType.INTERNAL_ERROR)
                    .message("The access could not be audited; nothing was returned")
                    .build();
                return response.transform(builder -> builder.data(null).errors(List.of(error)));
            }
        });
    }

}
