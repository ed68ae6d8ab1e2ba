package org.mmspec.ref.state;

import java.util.Set;
import org.mmspec.ref.bugs.BugId;

/** Builds a configuration field by field (start from {@link Config#small()} or {@link Config#defaults()}). */
public final class ConfigBuilder {
    private int nrPages;
    private int nrZones;
    private int maxOrder;
    private int wmarkMin;
    private int wmarkLow;
    private int wmarkHigh;
    private int nrCpus;
    private int statThreshold;
    private int nrUserMms;
    private int nrVmas;
    private int userPgds;
    private int kernelPgds;
    private int ptrsPerPmd;
    private int ptrsPerPte;
    private int nrFiles;
    private int filePages;
    private int nrSwapSlots;
    private int nrAnonVmas;
    private int nrThreads;
    private int stackDepth;
    private int nrLocals;
    private int waitQueueSlots;
    private int nrSlabCaches;
    private int nrVmallocAreas;
    private int faultAroundPages;
    private boolean mmForbidsZeropage;
    private int tlbEntries;
    private int nrBios;
    private int nrGupHolders;
    private Set<BugId> bugs = Set.of();

    ConfigBuilder() {
    }

    /** A builder starting from {@code from}. */
    ConfigBuilder(Config from) {
        this.nrPages = from.nrPages();
        this.nrZones = from.nrZones();
        this.maxOrder = from.maxOrder();
        this.wmarkMin = from.wmarkMin();
        this.wmarkLow = from.wmarkLow();
        this.wmarkHigh = from.wmarkHigh();
        this.nrCpus = from.nrCpus();
        this.statThreshold = from.statThreshold();
        this.nrUserMms = from.nrUserMms();
        this.nrVmas = from.nrVmas();
        this.userPgds = from.userPgds();
        this.kernelPgds = from.kernelPgds();
        this.ptrsPerPmd = from.ptrsPerPmd();
        this.ptrsPerPte = from.ptrsPerPte();
        this.nrFiles = from.nrFiles();
        this.filePages = from.filePages();
        this.nrSwapSlots = from.nrSwapSlots();
        this.nrAnonVmas = from.nrAnonVmas();
        this.nrThreads = from.nrThreads();
        this.stackDepth = from.stackDepth();
        this.nrLocals = from.nrLocals();
        this.waitQueueSlots = from.waitQueueSlots();
        this.nrSlabCaches = from.nrSlabCaches();
        this.nrVmallocAreas = from.nrVmallocAreas();
        this.faultAroundPages = from.faultAroundPages();
        this.mmForbidsZeropage = from.mmForbidsZeropage();
        this.tlbEntries = from.tlbEntries();
        this.nrBios = from.nrBios();
        this.nrGupHolders = from.nrGupHolders();
        this.bugs = from.bugs();
    }

    public ConfigBuilder nrPages(int v) {
        this.nrPages = v;
        return this;
    }

    public ConfigBuilder nrZones(int v) {
        this.nrZones = v;
        return this;
    }

    public ConfigBuilder maxOrder(int v) {
        this.maxOrder = v;
        return this;
    }

    public ConfigBuilder wmarkMin(int v) {
        this.wmarkMin = v;
        return this;
    }

    public ConfigBuilder wmarkLow(int v) {
        this.wmarkLow = v;
        return this;
    }

    public ConfigBuilder wmarkHigh(int v) {
        this.wmarkHigh = v;
        return this;
    }

    public ConfigBuilder nrCpus(int v) {
        this.nrCpus = v;
        return this;
    }

    public ConfigBuilder statThreshold(int v) {
        this.statThreshold = v;
        return this;
    }

    public ConfigBuilder nrUserMms(int v) {
        this.nrUserMms = v;
        return this;
    }

    public ConfigBuilder nrVmas(int v) {
        this.nrVmas = v;
        return this;
    }

    public ConfigBuilder userPgds(int v) {
        this.userPgds = v;
        return this;
    }

    public ConfigBuilder kernelPgds(int v) {
        this.kernelPgds = v;
        return this;
    }

    public ConfigBuilder ptrsPerPmd(int v) {
        this.ptrsPerPmd = v;
        return this;
    }

    public ConfigBuilder ptrsPerPte(int v) {
        this.ptrsPerPte = v;
        return this;
    }

    public ConfigBuilder nrFiles(int v) {
        this.nrFiles = v;
        return this;
    }

    public ConfigBuilder filePages(int v) {
        this.filePages = v;
        return this;
    }

    public ConfigBuilder nrSwapSlots(int v) {
        this.nrSwapSlots = v;
        return this;
    }

    public ConfigBuilder nrAnonVmas(int v) {
        this.nrAnonVmas = v;
        return this;
    }

    public ConfigBuilder nrThreads(int v) {
        this.nrThreads = v;
        return this;
    }

    public ConfigBuilder stackDepth(int v) {
        this.stackDepth = v;
        return this;
    }

    public ConfigBuilder nrLocals(int v) {
        this.nrLocals = v;
        return this;
    }

    public ConfigBuilder waitQueueSlots(int v) {
        this.waitQueueSlots = v;
        return this;
    }

    public ConfigBuilder nrSlabCaches(int v) {
        this.nrSlabCaches = v;
        return this;
    }

    public ConfigBuilder nrVmallocAreas(int v) {
        this.nrVmallocAreas = v;
        return this;
    }

    public ConfigBuilder faultAroundPages(int v) {
        this.faultAroundPages = v;
        return this;
    }

    public ConfigBuilder mmForbidsZeropage(boolean v) {
        this.mmForbidsZeropage = v;
        return this;
    }

    public ConfigBuilder tlbEntries(int v) {
        this.tlbEntries = v;
        return this;
    }

    public ConfigBuilder nrBios(int v) {
        this.nrBios = v;
        return this;
    }

    public ConfigBuilder nrGupHolders(int v) {
        this.nrGupHolders = v;
        return this;
    }

    public ConfigBuilder bugs(Set<BugId> v) {
        this.bugs = v;
        return this;
    }

    /** The configuration; throws {@link IllegalArgumentException} when sizes are inconsistent. */
    public Config build() {
        return new Config(nrPages, nrZones, maxOrder, wmarkMin, wmarkLow, wmarkHigh, nrCpus, statThreshold, nrUserMms, nrVmas, userPgds, kernelPgds, ptrsPerPmd, ptrsPerPte, nrFiles, filePages, nrSwapSlots, nrAnonVmas, nrThreads, stackDepth, nrLocals, waitQueueSlots, nrSlabCaches, nrVmallocAreas, faultAroundPages, mmForbidsZeropage, tlbEntries, nrBios, nrGupHolders, bugs);
    }
}
