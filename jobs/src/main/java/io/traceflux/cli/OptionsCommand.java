package io.traceflux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.traceflux.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code traceflux options}: every command's options as JSON, read from picocli's model of this
 * very command line, so that a scheduler (and the Airflow DAGs' tests) can check the arguments
 * it passes against what the job accepts instead of a hand-kept copy.
 */
@Command(name = "options", mixinStandardHelpOptions = true,
        description = "Print every command's options as JSON (for schedulers and tests that check the arguments they pass).",
        footer = {"", "Output: {\"traceflux <command>\": {\"options\": {\"--name\": {\"aliases\", \"required\", \"takes_value\","
                + " \"repeatable\", \"param\", \"default\"}}, \"positionals\": [...], \"subcommands\": [...]}}",
            "", "Example:", "  traceflux options > traceflux-options.json"})
final class OptionsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> commands = new LinkedHashMap<>();
        describe(spec.root(), commands);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(commands));
        return ExitCode.OK;
    }

    /** Adds {@code command} and every subcommand under it, keyed by its qualified name ("traceflux replay"). */
    static void describe(CommandSpec command, Map<String, Object> into) {
        Map<String, Object> entry = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        for (OptionSpec option : command.options()) {
            options.put(option.longestName(), option(option));
        }
        List<Object> positionals = new ArrayList<>();
        for (PositionalParamSpec positional : command.positionalParameters()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("param", positional.paramLabel());
            p.put("arity", positional.arity().toString());
            positionals.add(p);
        }
        entry.put("options", options);
        entry.put("positionals", positionals);
        entry.put("subcommands", new ArrayList<>(command.subcommands().keySet()));
        into.put(command.qualifiedName(" "), entry);
        for (CommandLine sub : command.subcommands().values()) {
            describe(sub.getCommandSpec(), into);
        }
    }

    private static Map<String, Object> option(OptionSpec option) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("aliases", List.of(option.names()));
        o.put("required", option.required());
        boolean takesValue = option.arity().max() > 0;
        o.put("takes_value", takesValue);
        o.put("repeatable", option.isMultiValue());
        o.put("param", takesValue ? option.paramLabel() : null);
        o.put("default", option.defaultValue());
        return o;
    }
}
