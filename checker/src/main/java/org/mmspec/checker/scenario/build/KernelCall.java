package org.mmspec.checker.scenario.build;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mmspec.checker.scenario.build.Handles.Addr;
import org.mmspec.checker.scenario.build.Handles.FileRef;
import org.mmspec.checker.scenario.build.Handles.Handle;
import org.mmspec.checker.scenario.build.Handles.Mm;
import org.mmspec.checker.scenario.build.Handles.Pfn;
import org.mmspec.checker.scenario.build.Handles.ThreadRef;
import org.mmspec.spec.diag.SourceSpan;

/**
 * A call of a kernel procedure with typed arguments, for a thread (or, run to completion, a set-up
 * step) of a scenario built in Java. One factory per procedure of {@link Operations}; the names and
 * arguments are those of scenario files ({@code docs/scenarios.md}).
 *
 * <pre>{@code
 * b.thread("writer", KernelCall.accessRemoteVm(mm, a, 666, true));
 * b.thread("madvise", KernelCall.madviseDontneed(mm, a, ScenarioBuilder.PAGE_SIZE));
 * }</pre>
 */
public final class KernelCall {

    /** {@code GFP_*} flags. */
    public enum Gfp {
        KERNEL, ATOMIC, NOWAIT, USER, HIGHUSER_MOVABLE
    }

    private final String name;
    private final List<Object> args;

    private KernelCall(String name, Object... args) {
        this.name = name;
        this.args = List.of(args);
    }

    /** The operation called. */
    public String name() {
        return name;
    }

    /** The call as the compiler takes it, placed at {@code at}. */
    Call call(SourceSpan at) {
        List<Call.Arg> out = new ArrayList<>();
        for (Object a : args) {
            out.add(new Call.Arg(null, expr(a, at), at));
        }
        return new Call(name, at, out, at);
    }

    static Expr expr(Object a, SourceSpan at) {
        return switch (a) {
            case Handle h -> h.expr();
            case Integer i -> new Expr.Int(i, at);
            case Boolean b -> new Expr.Bool(b, at);
            case Gfp g -> new Expr.Name("GFP_" + g.name(), at);
            case Expr e -> e;
            default -> throw new IllegalArgumentException("not a scenario value: " + a);
        };
    }

    /** {@code user_read(mm, addr)}. */
    public static KernelCall userRead(Mm mm, Addr addr) {
        return new KernelCall("user_read", mm, addr);
    }

    /** {@code user_write(mm, addr, value)}. */
    public static KernelCall userWrite(Mm mm, Addr addr, int value) {
        return new KernelCall("user_write", mm, addr, value);
    }

    /** {@code access_remote_vm(mm, addr, value, write)}: a {@code /proc/pid/mem} access. */
    public static KernelCall accessRemoteVm(Mm mm, Addr addr, int value, boolean write) {
        return new KernelCall("access_remote_vm", mm, addr, value, write);
    }

    /** {@code madvise_dontneed(mm, start, len)}. */
    public static KernelCall madviseDontneed(Mm mm, Addr start, int len) {
        return new KernelCall("madvise_dontneed", mm, start, len);
    }

    /** {@code madvise_remove(mm, start, len)}. */
    public static KernelCall madviseRemove(Mm mm, Addr start, int len) {
        return new KernelCall("madvise_remove", mm, start, len);
    }

    /** {@code munmap(mm, start, len)}. */
    public static KernelCall munmap(Mm mm, Addr start, int len) {
        return new KernelCall("munmap", mm, start, len);
    }

    /** {@code fork(mm)}. */
    public static KernelCall fork(Mm mm) {
        return new KernelCall("fork", mm);
    }

    /** {@code unmap_page(pfn)}: the unmap step of {@code split_huge_page()}. */
    public static KernelCall unmapPage(Pfn pfn) {
        return new KernelCall("unmap_page", pfn);
    }

    /** {@code page_lock_user(pfn, killable)}. */
    public static KernelCall pageLockUser(Pfn pfn, boolean killable) {
        return new KernelCall("page_lock_user", pfn, killable);
    }

    /** {@code send_sigkill(target)}. */
    public static KernelCall sendSigkill(ThreadRef target) {
        return new KernelCall("send_sigkill", target);
    }

    /** {@code alloc_pages_user(gfp, order, free)}. */
    public static KernelCall allocPagesUser(Gfp gfp, int order, boolean free) {
        return new KernelCall("alloc_pages_user", gfp, order, free);
    }

    /** {@code file_write(file, index, value)}. */
    public static KernelCall fileWrite(FileRef file, int index, int value) {
        return new KernelCall("file_write", file, index, value);
    }

    /** {@code kswapd(zone)}. */
    public static KernelCall kswapd(int zone) {
        return new KernelCall("kswapd", zone);
    }

    /** {@code shrink_zone(zone, kswapd)}: a direct-reclaim (or kswapd) pass. */
    public static KernelCall shrinkZone(int zone, boolean kswapd) {
        return new KernelCall("shrink_zone", zone, kswapd);
    }

    /** {@code shrink_active_list(zone, anon)}. */
    public static KernelCall shrinkActiveList(int zone, boolean anon) {
        return new KernelCall("shrink_active_list", zone, anon);
    }

    /** The {@code PROT_*} flags of {@code prot} as one value. */
    static Expr flags(Set<?> flags, String prefix, SourceSpan at) {
        Expr out = null;
        for (Object f : flags) {
            Expr name = new Expr.Name(prefix + f, at);
            out = out == null ? name : new Expr.Binary('|', out, name, at);
        }
        return Objects.requireNonNullElseGet(out, () -> new Expr.Name(prefix + "NONE", at));
    }

    /** {@code PROT_READ}, {@code PROT_WRITE}, {@code PROT_EXEC}. */
    public enum Prot {
        READ, WRITE, EXEC;

        /** Read and write. */
        public static Set<Prot> readWrite() {
            return EnumSet.of(READ, WRITE);
        }
    }

    /** {@code MAP_*} flags. */
    public enum Map {
        SHARED, PRIVATE, ANONYMOUS, FIXED
    }
}
