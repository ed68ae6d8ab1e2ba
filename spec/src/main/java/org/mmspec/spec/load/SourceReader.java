package org.mmspec.spec.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmspec.spec.ast.SpecFile;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.diag.SourceText;
import org.mmspec.spec.parse.SpecParser;

/**
 * Reads and parses a spec file and, transitively, its imports. Imports are paths relative to the
 * importing file that must stay inside the spec tree (the root directory); each file is read once.
 * Files come out imports first.
 */
final class SourceReader {

    private final Path root;
    private final Diagnostics diagnostics;
    private final SearchPath library;
    private final Set<Path> seen = new HashSet<>();
    private final List<SpecFile> files = new ArrayList<>();
    /** The tree each file read belongs to: the main tree, or the library directory it was found in. */
    private final Map<Path, Path> roots = new HashMap<>();

    SourceReader(Path root, Diagnostics diagnostics) {
        this(root, diagnostics, null);
    }

    /** A reader whose {@code import <path>;} searches {@code library} (null: library imports are errors). */
    SourceReader(Path root, Diagnostics diagnostics, SearchPath library) {
        this.root = root;
        this.diagnostics = diagnostics;
        this.library = library;
    }

    List<SpecFile> files() {
        return files;
    }

    /**
     * Most bytes a spec file may have: {@link SpecParser#MAX_CHARS} characters of at most four UTF-8 bytes.
     * Checked before the file is read (see {@link InputFile}).
     */
    static final long MAX_BYTES = 4L * SpecParser.MAX_CHARS;

    /** Reads the main file; returns its AST or null. */
    SpecFile readMain(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        seen.add(abs);
        return switch (InputFile.read(abs, MAX_BYTES)) {
            case InputFile.Read r -> parseAndFollow(abs, display(abs), r.bytes());
            case InputFile.Refused r -> {
                if (!Files.exists(abs)) {
                    diagnostics.error(DiagnosticCode.FILE_NOT_FOUND, SourceSpan.point(display(abs), 1, 1), display(abs));
                } else {
                    diagnostics.error(DiagnosticCode.FILE_REFUSED, SourceSpan.point(display(abs), 1, 1), display(abs),
                            r.reason());
                }
                yield null;
            }
        };
    }

    /** Parses text that did not come from a file (imports are then errors). */
    SpecFile readText(String name, byte[] bytes) {
        return parseAndFollow(null, name, bytes);
    }

    private SpecFile parseAndFollow(Path abs, String name, byte[] bytes) {
        String text = decode(name, bytes);
        if (text == null) {
            return null;
        }
        diagnostics.addSource(new SourceText(name, text));
        SpecFile ast = SpecParser.parse(new SourceText(name, text), diagnostics);
        if (ast == null) {
            return null;
        }
        for (SpecFile.Import imp : ast.imports()) {
            follow(abs, imp);
        }
        files.add(ast);
        return ast;
    }

    private void follow(Path from, SpecFile.Import imp) {
        if (imp.library()) {
            followLibrary(imp);
            return;
        }
        if (from == null || root == null) {
            diagnostics.error(DiagnosticCode.IMPORT_WITHOUT_FILE, imp.span(), imp.path());
            return;
        }
        Path target;
        try {
            // in the importing file's file system: the bundled spec is read from a jar (zip file system)
            Path rel = from.getFileSystem().getPath(imp.path());
            if (rel.isAbsolute() || Path.of(imp.path()).isAbsolute() || imp.path().startsWith("/")
                    || imp.path().startsWith("\\")) {
                diagnostics.error(DiagnosticCode.IMPORT_NOT_RELATIVE, imp.span(), imp.path());
                return;
            }
            target = from.getParent().resolve(rel).normalize();
        } catch (RuntimeException e) {
            diagnostics.error(DiagnosticCode.IMPORT_NOT_FOUND, imp.span(), imp.path());
            return;
        }
        Path tree = roots.getOrDefault(from, root);
        if (!target.startsWith(tree) || !realInside(target, tree)) {
            diagnostics.error(DiagnosticCode.IMPORT_ESCAPES_ROOT, imp.span(), imp.path());
            return;
        }
        roots.putIfAbsent(target, tree);
        if (!seen.add(target)) {
            return;
        }
        read(imp, target);
    }

    /** {@code import <path>;}: a file of the library search path. */
    private void followLibrary(SpecFile.Import imp) {
        var found = library == null ? java.util.Optional.<SearchPath.Found>empty() : library.find(imp.path());
        if (found.isEmpty()) {
            diagnostics.errorWithHints(DiagnosticCode.LIBRARY_NOT_FOUND, imp.span(),
                    library == null ? java.util.List.of() : org.mmspec.spec.diag.Hints.didYouMean(imp.path(), library.files()),
                    imp.path(), library == null ? "no library search path" : library.describe());
            return;
        }
        Path target = found.get().file();
        roots.putIfAbsent(target, found.get().root());
        if (!seen.add(target)) {
            return;
        }
        read(imp, target);
    }

    /** Reads an imported file: only a regular file of bounded size (see {@link InputFile}). */
    private void read(SpecFile.Import imp, Path target) {
        switch (InputFile.read(target, MAX_BYTES)) {
            case InputFile.Read r -> parseAndFollow(target, display(target), r.bytes());
            case InputFile.Refused r -> {
                if (Files.exists(target)) {
                    diagnostics.error(DiagnosticCode.IMPORT_REFUSED, imp.span(), imp.path(), r.reason());
                } else {
                    diagnostics.error(DiagnosticCode.IMPORT_NOT_FOUND, imp.span(), imp.path());
                }
            }
        }
    }

    /** Symbolic links must not lead out of the tree either. */
    private boolean realInside(Path target, Path tree) {
        try {
            return !Files.exists(target) || target.toRealPath().startsWith(tree.toRealPath());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private String display(Path abs) {
        Path tree = roots.getOrDefault(abs, root);
        if (tree != null && abs.startsWith(tree)) {
            return tree.relativize(abs).toString().replace('\\', '/');
        }
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }

    private String decode(String name, byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = d.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            reportBadByte(name, bytes, in.position());
        } catch (CharacterCodingException e) {
            reportBadByte(name, bytes, in.position());
        }
        return null;
    }

    private void reportBadByte(String name, byte[] bytes, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(offset, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
                col = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        diagnostics.error(DiagnosticCode.INVALID_UTF8, SourceSpan.point(name, line, col), offset);
    }
}
