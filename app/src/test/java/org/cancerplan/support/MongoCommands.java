package org.cancerplan.support;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the commands the service sends to the database, as seen by the driver: for
 * round-trip budgets.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MongoCommands {

    private static final Set<String> HOUSEKEEPING = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo",
            "endSessions");

    private final List<String> commands = new CopyOnWriteArrayList<>();

    private final List<BsonDocument> bodies = new CopyOnWriteArrayList<>();

    private volatile boolean keepBodies;

    private volatile Duration delay = Duration.ZERO;

    @Bean
    MongoClientSettingsBuilderCustomizer countCommands() {
        return settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (!HOUSEKEEPING.contains(event.getCommandName()) && !inBackground()) {
                    pause();
                    if (keepBodies) {
                        bodies.add(event.getCommand().clone());
                    }
                    BsonValue target = event.getCommand().get(event.getCommandName());
                    commands.add(event.getCommandName() + " "
                            + (target != null && target.isString() ? target.asString().getValue() : ""));
                }
            }
        });
    }

    /**
     * Whether the command comes from the service's background work (the outbox, the
     * scheduled jobs), not from the request being measured.
     */
    private static boolean inBackground() {
        String thread = Thread.currentThread().getName();
        return thread.startsWith("message-outbox") || thread.startsWith("notify-relay")
                || thread.startsWith("scheduling-");
    }

    /**
     * Makes every command that long (a slow store), until {@link #delayEachBy} is given
     * zero.
     */
    public void delayEachBy(Duration delay) {
        this.delay = delay;
    }

    private void pause() {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void reset() {
        commands.clear();
        bodies.clear();
    }

    /**
     * From now on keeps a copy of each command (with its filter and documents), until
     * {@link #stopKeeping}.
     */
    public void keepCommands() {
        reset();
        keepBodies = true;
    }

    /** The commands kept since {@link #keepCommands}, and stops keeping them. */
    public List<BsonDocument> stopKeeping() {
        keepBodies = false;
        return List.copyOf(bodies);
    }

    /** The commands since the last reset, e.g. {@code find cancerPlans}. */
    public List<String> sent() {
        return List.copyOf(commands);
    }

}
