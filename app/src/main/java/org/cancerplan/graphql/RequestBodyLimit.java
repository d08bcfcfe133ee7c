package org.cancerplan.graphql;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.cancerplan.security.CallerAuthentication;
import org.cancerplan.security.CallerKind;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request body over {@link LimitSettings#maxRequestBytes()} (for integrations
 * {@link LimitSettings#maxIntegrationRequestBytes()}) with HTTP 413 and the code
 * {@code REQUEST_TOO_LARGE}, before anything parses it: by its {@code Content-Length},
 * or, for a chunked body, by reading no more than one byte over the limit. It holds for
 * every request with a body, whatever its method and path, and runs after authentication,
 * so a request without a valid token is refused before its body is read (nothing reads
 * form bodies earlier: Spring's form-content filter is off).
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

    private final LimitSettings limits;

    private final JsonMapper json;

    RequestBodyLimit(LimitSettings limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    /** A request without a body: no length declared, or zero, and not chunked. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication caller
                && caller.getPrincipal().is(CallerKind.INTEGRATION) ? limits.maxIntegrationRequestBytes()
                        : limits.maxRequestBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, limit);
            return;
        }
        if (declared >= 0) {
            // the server reads no more than the declared length
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            refuse(response, limit);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private void refuse(HttpServletResponse response, int limit) throws IOException {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        json.writeValue(response.getOutputStream(),
                Map.of("errors", List.of(Map.of("message", "The request body is larger than " + limit + " bytes",
                        "extensions", Map.of("code", "REQUEST_TOO_LARGE")))));
    }

    /** A request whose body has been read already, served from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        private final ServletInputStream stream;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            this.stream = new ServletInputStream() {

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body has been read already");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(stream,
                    encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

    }

}
