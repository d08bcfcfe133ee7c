package org.cancerplan.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Counts the commands the service sends to the database, as seen by the driver: for round-trip budgets. */
@TestConfiguration(proxyBeanMethods = false)
public class MongoCommands {

    private static final Set<String> HOUSEKEEPING = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo",
            "endSessions");

    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile java.time.Duration delay = java.time.Duration.ZERO;

    @Bean
    MongoClientSettingsBuilderCustomizer countCommands() {
        return settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (!HOUSEKEEPING.contains(event.getCommandName())) {
                    pause();
                    commands.add(event.getCommandName() + " " + event.getCommand().getString(event.getCommandName(),
                            new org.bson.BsonString("")).getValue());
                }
            }
        });
    }

    /** Makes every command that long (a slow store), until {@link #delayEachBy} is given zero. */
    public void delayEachBy(java.time.Duration delay) {
        this.delay = delay;
    }

    private void pause() {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void reset() {
        commands.clear();
    }

    /** The commands since the last reset, e.g. {@code find cancerPlans}. */
    public List<String> sent() {
        return List.copyOf(commands);
    }
}
