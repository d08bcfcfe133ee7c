package org.cancerplan.graphql;

import java.util.Base64;

import org.cancerplan.shared.BadInputException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.pagination.EncodingCursorStrategy;
import org.springframework.graphql.data.query.ScrollPositionCursorStrategy;

/**
 * Connection cursors as Spring for GraphQL makes them (base64 of the scroll position), except that a cursor the
 * service did not give out is a {@code BAD_REQUEST} rather than a server error.
 */
@Configuration(proxyBeanMethods = false)
class CursorConfiguration {


    @Bean
    EncodingCursorStrategy<ScrollPosition> cursorStrategy() {
        return CursorStrategy.withEncoder(new CheckedPositions(new ScrollPositionCursorStrategy()), new CheckedBase64());
    }

    private record CheckedPositions(CursorStrategy<ScrollPosition> delegate) implements CursorStrategy<ScrollPosition> {

        @Override
        public boolean supports(Class<?> targetType) {
            return delegate.supports(targetType);
        }

        @Override
        public String toCursor(ScrollPosition position) {
            return delegate.toCursor(position);
        }

        @Override
        public ScrollPosition fromCursor(String cursor) {
            try {
                return delegate.fromCursor(cursor);
            } catch (RuntimeException notOurs) {
                throw new BadInputException(Pages.INVALID_CURSOR);
            }
        }
    }

    private static final class CheckedBase64 implements CursorEncoder {

        @Override
        public String encode(String cursor) {
            return Base64.getEncoder().encodeToString(cursor.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String decode(String cursor) {
            try {
                return new String(Base64.getDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                throw new BadInputException(Pages.INVALID_CURSOR);
            }
        }
    }
}
