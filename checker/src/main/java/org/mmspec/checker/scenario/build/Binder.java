package org.mmspec.checker.scenario.build;

import java.util.List;
import java.util.Optional;

/**
 * Binds a {@link Call}'s arguments to its operation's parameters: positional arguments in order, then
 * named ones ({@code addr = a}), then defaults; checks each value's type against its parameter.
 */
final class Binder {

    private final Typer typer;
    private final Problems problems;

    Binder(Typer typer, Problems problems) {
        this.typer = typer;
        this.problems = problems;
    }

    /** The operation {@code call} names, or empty (reported) when there is none. */
    Optional<Operation> resolve(Call call) {
        Optional<Operation> op = Operations.byName(call.name());
        if (op.isEmpty()) {
            problems.unknown(ScenarioCode.UNKNOWN_OPERATION, call.nameSpan(), call.name(), Operations.names(),
                    call.name());
        }
        return op;
    }

    /** {@code call} bound to {@code op}, or empty when some argument is wrong (each problem reported). */
    Optional<BoundCall> bind(Operation op, Call call) {
        List<Param> params = op.params();
        Call.Arg[] given = new Call.Arg[params.size()];
        if (!place(op, call, given)) {
            return Optional.empty();
        }
        Value[] scalars = new Value[params.size()];
        Value.ListValue[] lists = new Value.ListValue[params.size()];
        boolean ok = true;
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (given[i] == null) {
                if (p.defaultValue().isEmpty()) {
                    problems.error(ScenarioCode.MISSING_ARGUMENT, call.span(), op.name(), p.name(), p.type().describe());
                    ok = false;
                } else {
                    int v = p.defaultValue().getAsInt();
                    scalars[i] = vars -> v;
                }
                continue;
            }
            ok &= check(op, p, given[i], i, scalars, lists);
        }
        return ok ? Optional.of(new BoundCall(op, scalars, lists, call.span())) : Optional.empty();
    }

    private boolean check(Operation op, Param p, Call.Arg arg, int i, Value[] scalars, Value.ListValue[] lists) {
        Optional<Typer.Typed> t = typer.type(arg.value());
        if (t.isEmpty()) {
            return false;
        }
        Typer.Typed v = t.get();
        boolean fits = p.type().accepts(v.type()) || v.literal() && p.type().acceptsLiteral();
        if (!fits) {
            problems.error(ScenarioCode.TYPE_MISMATCH, arg.value().span(), op.name() + "'s '" + p.name() + "'",
                    p.type().describe(), v.literal() ? "an integer" : v.type().describe());
            return false;
        }
        scalars[i] = v.value();
        lists[i] = v.list();
        return true;
    }

    /** Puts each argument at its parameter's index; reports misplaced, unknown and repeated ones. */
    private boolean place(Operation op, Call call, Call.Arg[] given) {
        boolean ok = true;
        boolean named = false;
        int position = 0;
        for (Call.Arg a : call.args()) {
            if (a.name() == null) {
                if (named) {
                    problems.error(ScenarioCode.POSITIONAL_AFTER_NAMED, a.span());
                    ok = false;
                } else if (position >= given.length) {
                    problems.error(ScenarioCode.TOO_MANY_ARGUMENTS, a.span(), op.signature(), given.length,
                            given.length == 1 ? "" : "s");
                    return false;
                } else {
                    given[position++] = a;
                }
                continue;
            }
            named = true;
            ok &= placeNamed(op, a, given);
        }
        return ok;
    }

    private boolean placeNamed(Operation op, Call.Arg a, Call.Arg[] given) {
        List<Param> params = op.params();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(a.name())) {
                if (given[i] != null) {
                    problems.error(ScenarioCode.DUPLICATE_ARGUMENT, a.span(), a.name());
                    return false;
                }
                given[i] = a;
                return true;
            }
        }
        problems.unknown(ScenarioCode.UNKNOWN_PARAMETER, a.span(), a.name(),
                params.stream().map(Param::name).toList(), op.signature(), a.name());
        return false;
    }
}
