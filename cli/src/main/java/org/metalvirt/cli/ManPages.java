package org.metalvirt.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes metalvirtctl's man pages as troff ({@code man(7)} macros), one per command, from the same
 * picocli model as its {@code --help}, at build time. Picocli's own generator writes AsciiDoc,
 * whose conversion (Asciidoctor on JRuby) costs half a minute a build; this costs nothing.
 */
public final class ManPages {

    private ManPages() {}

    /** {@code ManPages DIR}: writes {@code DIR/metalvirtctl*.1.gz}, compressed as Debian installs them. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (CommandSpec spec : commands(Metalvirtctl.commandLine().getCommandSpec())) {
            try (OutputStream out =
                    new BestGzip(Files.newOutputStream(dir.resolve(spec.qualifiedName("-") + ".1.gz")))) {
                out.write(page(spec).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code gzip -9n}: the most compression, and no name or time (Java's header has neither). */
    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }

    /** The command and all below it, each once (aliases share a spec). */
    static List<CommandSpec> commands(CommandSpec top) {
        Set<CommandSpec> all = new LinkedHashSet<>();
        all.add(top);
        for (CommandLine sub : top.subcommands().values()) {
            all.addAll(commands(sub.getCommandSpec()));
        }
        return new ArrayList<>(all);
    }

    static String page(CommandSpec spec) {
        String version = spec.root().version().length > 0
                ? spec.root().version()[0]
                : spec.root().name();
        StringBuilder page = new StringBuilder()
                .append(".TH ")
                .append(quoted(spec.qualifiedName("-").toUpperCase(java.util.Locale.ROOT)))
                .append(" 1 \"\" ")
                .append(quoted(version))
                .append(" \"metalvirtctl Manual\"\n");
        page.append(".SH NAME\n")
                .append(text(spec.qualifiedName("-")))
                .append(" \\- ")
                .append(text(String.join(" ", lines(spec.usageMessage().description()))))
                .append('\n');
        String synopsis = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0)
                .strip()
                .replaceAll("\\s+", " ");
        page.append(".SH SYNOPSIS\n").append(text(synopsis)).append('\n');
        page.append(".SH DESCRIPTION\n");
        paragraphs(page, lines(spec.usageMessage().description()));
        List<OptionSpec> options =
                spec.options().stream().filter(option -> !option.hidden()).toList();
        if (!options.isEmpty()) {
            page.append(".SH OPTIONS\n");
            for (OptionSpec option : options) {
                String label =
                        String.join(", ", option.names()) + (option.arity().max() > 0 ? "=" + option.paramLabel() : "");
                item(page, label, option.description());
            }
        }
        List<PositionalParamSpec> arguments = spec.positionalParameters().stream()
                .filter(argument -> !argument.hidden())
                .toList();
        if (!arguments.isEmpty()) {
            page.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec argument : arguments) {
                item(page, argument.paramLabel(), argument.description());
            }
        }
        Set<CommandSpec> subcommands = new LinkedHashSet<>();
        spec.subcommands().values().forEach(sub -> subcommands.add(sub.getCommandSpec()));
        if (!subcommands.isEmpty()) {
            page.append(".SH COMMANDS\n");
            for (CommandSpec sub : subcommands) {
                item(page, sub.name(), sub.usageMessage().description());
            }
        }
        List<String> footer = lines(spec.usageMessage().footer());
        if (!footer.isEmpty()) {
            // "Exit status:" and the codes, laid out as in --help.
            String heading = footer.get(0).endsWith(":") ? footer.remove(0) : "Notes:";
            page.append(".SH ")
                    .append(text(heading.substring(0, heading.length() - 1).toUpperCase(java.util.Locale.ROOT)))
                    .append("\n.nf\n");
            footer.forEach(line -> page.append(text(line)).append('\n'));
            page.append(".fi\n");
        }
        if (spec.parent() != null || !subcommands.isEmpty()) {
            List<String> related = new ArrayList<>();
            if (spec.parent() != null) {
                related.add(spec.parent().qualifiedName("-"));
            }
            subcommands.forEach(sub -> related.add(sub.qualifiedName("-")));
            page.append(".SH SEE ALSO\n")
                    .append(String.join(
                            ",\n",
                            related.stream()
                                    .map(name -> ".BR " + text(name) + " (1)")
                                    .toList()))
                    .append('\n');
        }
        return page.toString();
    }

    private static void item(StringBuilder page, String label, String[] description) {
        page.append(".TP\n.B ").append(text(label)).append('\n');
        page.append(text(String.join(" ", lines(description)))).append('\n');
    }

    private static void paragraphs(StringBuilder page, List<String> lines) {
        for (String line : lines) {
            page.append(line.isBlank() ? ".PP" : text(line)).append('\n');
        }
    }

    /** picocli's format strings ({@code %n}, {@code %%}) as lines, without the leading blank ones. */
    private static List<String> lines(String[] texts) {
        List<String> lines = new ArrayList<>();
        for (String text : texts) {
            lines.addAll(List.of(text.replace("%n", "\n").replace("%%", "%").split("\n", -1)));
        }
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** A line of text as troff reads it literally: backslashes and minus signs escaped, no request. */
    private static String text(String line) {
        String escaped = line.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    private static String quoted(String text) {
        return "\"" + text(text).replace("\"", "\\(dq") + "\"";
    }
}
