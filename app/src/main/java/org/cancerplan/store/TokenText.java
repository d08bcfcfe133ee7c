package org.cancerplan.store;

import java.util.HexFormat;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The text that {@link IndexTokens} are written in: each ends with {@link #END}, which
 * the text of a string escapes, and values without a text of their own are written as
 * BSON in hex.
 */
final class TokenText {

    static final char END = '\0';

    static final char ESCAPE = '\1';

    static final HexFormat HEX = HexFormat.of();

    private TokenText() {
    }

    static String ofBson(Object value) {
        ByteBuf bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(new Document("", value), bson);
            return "B" + ByteBufUtil.hexDump(bson) + END;
        }
        finally {
            bson.release();
        }
    }

    static Object bsonValue(String hex) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(HEX.parseHex(hex))).get("");
    }

    static String unescaped(String payload) {
        if (payload.indexOf(ESCAPE) < 0) {
            return payload;
        }
        StringBuilder text = new StringBuilder(payload.length());
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == ESCAPE) {
                text.append(payload.charAt(++i) == '0' ? END : ESCAPE);
            }
            else {
                text.append(c);
            }
        }
        return text.toString();
    }

    static StringBuilder escaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == END || c == ESCAPE) {
                out.append(ESCAPE).append(c == END ? '0' : '1');
            }
            else {
                out.append(c);
            }
        }
        return out;
    }

}
