package org.cancerplan.admin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.cancerplan.audit.CorrelationId;
import org.cancerplan.shared.BadInputException;
import org.cancerplan.store.EmbeddedStoreUnavailable;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.annotation.Profile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandNotFoundException;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Runs the admin mode: the words after {@code --} on the command line are one command,
 * run and exited with a status (0 done, 1 failed, 2 bad usage, 3 not found); with none,
 * an interactive shell with help, completion and history. Failures print one line,
 * without a stack trace unless {@code cancerplan.admin.debug} is set.
 */
@Component
@Profile("admin")
class AdminRunner implements ApplicationRunner, ExitCodeGenerator {

    private final CommandParser parser;

    private final CommandRegistry commands;

    private final ObjectProvider<ShellRunner> interactive;

    private final boolean debug;

    private final boolean interactiveAllowed;

    private int exitCode;

    AdminRunner(CommandParser parser, CommandRegistry commands, ObjectProvider<ShellRunner> interactive,
            AdminSettings settings) {
        this.parser = parser;
        this.commands = commands;
        this.interactive = interactive;
        this.debug = settings.debug();
        this.interactiveAllowed = settings.interactive();
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        List<String> words = commandWords(args.getSourceArgs());
        if (words.isEmpty()) {
            if (interactiveAllowed) {
                interactive.getObject().run(new String[0]);
            }
            return;
        }
        exitCode = execute(words, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs one command; returns its exit status. */
    int execute(List<String> words, PrintWriter out, PrintWriter err) {
        String line = withFlagValues(words).stream().map(AdminRunner::quote).collect(Collectors.joining(" "));
        // one correlation id for all the audit events of this command
        MDC.put(CorrelationId.MDC_KEY, "admin-" + UUID.randomUUID());
        try {
            if (!namesACommand(words)) {
                new CommandExecutor(commands)
                    .execute(new CommandContext(parser.parse(line), commands, err, new InputReader() {
                    }));
                err.println("Unknown command: " + String.join(" ", words) + " (run with 'help' for the list)");
                return AdminFailure.BAD_USAGE;
            }
            ParsedInput input = parser.parse(line);
            ExitStatus status = new CommandExecutor(commands)
                .execute(new CommandContext(input, commands, out, new InputReader() {
                }));
            out.flush();
            return status.code() == 0 ? 0 : status == ExitStatus.USAGE_ERROR ? AdminFailure.BAD_USAGE : status.code();
        }
        catch (CommandNotFoundException unknown) {
            err.println("Unknown command: " + line + " (run with 'help' for the list)");
            return AdminFailure.BAD_USAGE;
        }
        catch (RuntimeException failure) {
            Throwable cause = reportedCause(failure);
            err.println(message(cause));
            if (debug) {
                failure.printStackTrace(err);
            }
            err.flush();
            return exitCodeOf(cause);
        }
        finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    private static int exitCodeOf(Throwable cause) {
        if (cause instanceof AdminFailure failure) {
            return failure.exitCode();
        }
        if (cause instanceof BadInputException || cause instanceof IllegalArgumentException) {
            return AdminFailure.BAD_USAGE;
        }
        return AdminFailure.FAILED;
    }

    /** The cause that the one line about a failure speaks of. */
    static Throwable reportedCause(Throwable failure) {
        Throwable unreachable = unreachableStore(failure);
        return unreachable != null ? unreachable : rootCause(failure);
    }

    /**
     * The failure, or its cause, that says the store could not be reached or refused the
     * shell; else null.
     */
    private static Throwable unreachableStore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException
                    || cause instanceof MongoSecurityException || cause instanceof EmbeddedStoreUnavailable) {
                return cause;
            }
        }
        return null;
    }

    static String message(Throwable cause) {
        if (cause instanceof EmbeddedStoreUnavailable) {
            return cause.getMessage();
        }
        if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException) {
            return "Cannot reach the store: check that it is running (for the embedded store, the service that "
                    + "serves it) and that the settings point at it (set --cancerplan.admin.debug=true for details)";
        }
        if (cause instanceof MongoSecurityException) {
            return "The store refused the shell's credentials: for the embedded store, run the shell as the store's "
                    + "owner after the service has started (set --cancerplan.admin.debug=true for details)";
        }
        if (cause instanceof AdminFailure || cause instanceof BadInputException
                || cause instanceof AccessDeniedException || cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        if (cause instanceof BindValidationException invalid) {
            return invalid.getValidationErrors()
                .getAllErrors()
                .stream()
                .map(AdminRunner::invalidSetting)
                .collect(Collectors.joining("; "));
        }
        return "Failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + " (set --cancerplan.admin.debug=true for details)";
    }

    /**
     * A setting that fails its check, named as it is written
     * ({@code cancerplan.store.health-timeout}).
     */
    private static String invalidSetting(ObjectError error) {
        String setting = error instanceof FieldError field
                ? field.getObjectName() + "." + DataObjectPropertyName.toDashedForm(field.getField())
                : error.getObjectName();
        return "Invalid setting " + setting + ": " + error.getDefaultMessage();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof AdminFailure)
                && !(cause instanceof BadInputException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Whether the words start with a command's full name (a bare group such as
     * {@code patient} is not one).
     */
    private boolean namesACommand(List<String> words) {
        String typed = String.join(" ", words) + " ";
        return commands.getCommands().stream().anyMatch(command -> typed.startsWith(command.getName() + " "));
    }

    /**
     * Options that are switches: Spring Shell 4.0 wants a value for every option, so a
     * bare switch means true.
     */
    static final Set<String> SWITCHES = Set.of("--json", "--dry-run", "--all", "--replace", "--overdue");

    static List<String> withFlagValues(List<String> words) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            result.add(words.get(i));
            boolean valueFollows = i + 1 < words.size()
                    && ("true".equalsIgnoreCase(words.get(i + 1)) || "false".equalsIgnoreCase(words.get(i + 1)));
            if (SWITCHES.contains(words.get(i)) && !valueFollows) {
                result.add("true");
            }
        }
        return result;
    }

    /**
     * The words after the first {@code --}; Spring Boot reads everything before it as
     * settings.
     */
    static List<String> commandWords(String[] args) {
        List<String> all = Arrays.asList(args);
        int separator = all.indexOf("--");
        return separator < 0 ? List.of() : all.subList(separator + 1, all.size());
    }

    private static String quote(String word) {
        return word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)
                ? "\"" + word.replace("\"", "\\\"") + "\"" : word;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

}
