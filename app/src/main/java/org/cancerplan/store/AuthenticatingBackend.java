package org.cancerplan.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Puts SCRAM-SHA-256 authentication in front of a backend, as MongoDB does: a connection
 * may say hello, ping and authenticate ({@code saslStart}, {@code saslContinue}, or
 * {@code speculativeAuthenticate} in the handshake); every other command is refused (code
 * 13, Unauthorized) until it has proven the password, and so is the service's own
 * {@link ServiceBackup} command, which writes a backup with {@code backupTo}. A
 * connection authenticates once: the driver does so as it opens a pooled connection, and
 * each later command costs a look-up of the connection's state.
 */
final class AuthenticatingBackend implements MongoBackend {

    private static final AttributeKey<Boolean> AUTHENTICATED = AttributeKey.valueOf("cancerplan.authenticated");

    private static final AttributeKey<ScramSha256.Exchange> EXCHANGE = AttributeKey.valueOf("cancerplan.scram");

    private static final Set<String> OPEN_COMMANDS = caseInsensitive("hello", "isMaster", "ping", "buildInfo",
            "saslStart", "saslContinue");

    private static final int CONVERSATION_ID = 1;

    private final MongoBackend backend;

    private final ScramSha256 scram;

    private final ToLongFunction<Path> backupTo;

    AuthenticatingBackend(MongoBackend backend, String user, String password, ToLongFunction<Path> backupTo) {
        this.backend = backend;
        this.scram = new ScramSha256(user, password);
        this.backupTo = backupTo;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        return handleCommand(message.getChannel(), message.getDatabaseName(), query.keySet().iterator().next(), query);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (command.equalsIgnoreCase("saslStart")) {
            return saslStart(channel, query);
        }
        if (command.equalsIgnoreCase("saslContinue")) {
            return saslContinue(channel, query);
        }
        if (!authenticated(channel) && !OPEN_COMMANDS.contains(command)) {
            return unauthorized(command);
        }
        if (command.equalsIgnoreCase(ServiceBackup.COMMAND)) {
            return ServiceBackup.answer(query, backupTo);
        }
        Document response = backend.handleCommand(channel, database, command, query);
        if (query.get("speculativeAuthenticate") instanceof Document start
                && (command.equalsIgnoreCase("isMaster") || command.equalsIgnoreCase("hello"))) {
            Document started = saslStart(channel, start);
            if (started.get("ok").equals(1)) {
                response.put("speculativeAuthenticate", started);
            }
        }
        return response;
    }

    private Document saslStart(Channel channel, Document query) {
        channel.attr(AUTHENTICATED).set(null);
        if (!"SCRAM-SHA-256".equals(query.get("mechanism"))) {
            return authenticationFailed();
        }
        try {
            ScramSha256.Exchange exchange = scram.start(payload(query));
            channel.attr(EXCHANGE).set(exchange);
            return answer(false, exchange.serverFirst());
        }
        catch (ScramSha256.Refused refused) {
            return authenticationFailed();
        }
    }

    private Document saslContinue(Channel channel, Document query) {
        ScramSha256.Exchange exchange = channel.attr(EXCHANGE).getAndSet(null);
        if (exchange == null || !Integer.valueOf(CONVERSATION_ID).equals(query.get("conversationId"))) {
            return authenticationFailed();
        }
        try {
            String serverFinal = scram.finish(exchange, payload(query));
            channel.attr(AUTHENTICATED).set(Boolean.TRUE);
            return answer(true, serverFinal);
        }
        catch (ScramSha256.Refused refused) {
            return authenticationFailed();
        }
    }

    private static boolean authenticated(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(AUTHENTICATED).get());
    }

    private static String payload(Document query) throws ScramSha256.Refused {
        if (query.get("payload") instanceof BinData payload) {
            return new String(payload.getData(), StandardCharsets.UTF_8);
        }
        throw new ScramSha256.Refused("no payload");
    }

    private static Document answer(boolean done, String payload) {
        return new Document("conversationId", CONVERSATION_ID).append("done", done)
            .append("payload", new BinData(payload.getBytes(StandardCharsets.UTF_8)))
            .append("ok", 1);
    }

    private static Document authenticationFailed() {
        return error(18, "AuthenticationFailed", "Authentication failed.");
    }

    private static Document unauthorized(String command) {
        return error(13, "Unauthorized", "Command " + command + " requires authentication");
    }

    private static Document error(int code, String codeName, String message) {
        return new Document("ok", 0).append("errmsg", message).append("code", code).append("codeName", codeName);
    }

    /**
     * Legacy queries (OP_QUERY on a collection) of a connection that has not
     * authenticated close it.
     */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (!authenticated(query.getChannel())) {
            throw new MongoServerError(13, "Unauthorized", "Queries require authentication");
        }
        return backend.handleQuery(query);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        if (!authenticated(query.getChannel())) {
            throw new MongoServerError(13, "Unauthorized", "currentOp requires authentication");
        }
        return backend.getCurrentOperations(query);
    }

    /**
     * Asked for by a legacy {@code serverStatus} query, which names no connection:
     * refused. (The driver asks through {@link #handleMessage}, which knows the
     * connection.)
     */
    @Override
    public Document getServerStatus() {
        return unauthorized("serverStatus");
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }

}
