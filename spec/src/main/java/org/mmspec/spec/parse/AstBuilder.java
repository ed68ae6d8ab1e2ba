package org.mmspec.spec.parse;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.mmspec.spec.ast.Annotation;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.Declarator;
import org.mmspec.spec.ast.Domain;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.Ident;
import org.mmspec.spec.ast.ScenarioItem;
import org.mmspec.spec.ast.SpecFile;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.ast.TypeNode;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.syntax.MmSpecParser.*;

/**
 * Builds AST records from a parse tree that has no syntax errors. ANTLR contexts stay here; the AST
 * carries only {@link SourceSpan}s.
 */
final class AstBuilder {

    private final String file;
    private final Diagnostics diagnostics;
    private final ExprBuilder exprs;

    AstBuilder(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.exprs = new ExprBuilder(this, diagnostics);
    }

    SpecFile file(FileContext ctx) {
        List<SpecFile.Import> imports = new ArrayList<>();
        for (ImportDeclContext i : ctx.imports) {
            imports.add(switch (i) {
                case FileImportContext f -> new SpecFile.Import(span(f), unquote(f.path.getText()));
                case LibraryImportContext l -> new SpecFile.Import(span(l), libPath(l), true);
                default -> throw new IllegalStateException("unknown import form " + i.getClass());
            });
        }
        List<Decl> decls = new ArrayList<>();
        for (TopDeclContext d : ctx.decls) {
            decls.add(decl(d));
        }
        return new SpecFile(file, imports, decls);
    }

    /** The path of {@code import <a/b.mmspec>;} as written; spaces inside the brackets are an error. */
    private String libPath(LibraryImportContext l) {
        StringBuilder path = new StringBuilder();
        int end = -1;
        for (int i = 0; i < l.lib.getChildCount(); i++) {
            org.antlr.v4.runtime.tree.ParseTree child = l.lib.getChild(i);
            Token first = child instanceof ParserRuleContext r ? r.getStart()
                    : ((org.antlr.v4.runtime.tree.TerminalNode) child).getSymbol();
            Token last = child instanceof ParserRuleContext r ? r.getStop() : first;
            if (end >= 0 && first.getStartIndex() != end + 1) {
                diagnostics.error(DiagnosticCode.SYNTAX_ERROR, span(l.lib), "no spaces inside '<...>' of an import");
            }
            path.append(child.getText());
            end = last.getStopIndex();
        }
        return path.toString();
    }

    private Decl decl(TopDeclContext d) {
        return switch (d) {
            case ConstDeclContext c -> new Decl.Const(span(c), ident(c.name), expr(c.value));
            case EnumDeclContext e -> new Decl.Enum(span(e), ident(e.name), idents(e.members));
            case RecordDeclContext r -> new Decl.Record(span(r), ident(r.name), r.fields.stream()
                    .map(f -> new Decl.FieldDecl(span(f), type(f.fieldType), ident(f.name), dims(f.dims)))
                    .toList());
            case TypedefDeclContext t -> new Decl.Typedef(span(t), type(t.target), ident(t.name));
            case MemoryDeclContext m -> new Decl.Memory(span(m), sizes(m.sizes));
            case ProcDeclContext p -> new Decl.Proc(span(p),
                    p.ret instanceof ValueReturnContext v ? type(v.type()) : null, ident(p.name),
                    p.params.stream().map(q -> new Decl.Param(span(q), type(q.paramType), ident(q.name),
                            dims(q.dims))).toList(),
                    block(p.body));
            case GlobalDeclContext g -> new Decl.Global(span(g), type(g.varType), declarators(g.vars, true),
                    annotations(g.annotations));
            case InvariantDeclContext i -> new Decl.Invariant(span(i), ident(i.name),
                    i.doc == null ? null : unquote(i.doc.getText()), expr(i.body), text(i.body));
            case LimitDeclContext l -> new Decl.Invariant(span(l), ident(l.name),
                    l.doc == null ? null : unquote(l.doc.getText()), expr(l.body), text(l.body), true);
            case ScenarioDeclContext s -> new Decl.Scenario(span(s), ident(s.name),
                    s.items.stream().map(this::scenarioItem).toList());
            default -> throw new IllegalStateException("unhandled declaration " + d.getClass());
        };
    }

    private ScenarioItem scenarioItem(ScenarioItemContext c) {
        return switch (c) {
            case ScenarioMemoryContext m -> new ScenarioItem.Memory(span(m), sizes(m.sizes));
            case ScenarioInitContext i -> new ScenarioItem.Init(span(i), block(i.body));
            case ScenarioThreadContext t -> new ScenarioItem.Thread(span(t), ident(t.name), ident(t.proc),
                    exprList(t.args));
            case ScenarioBoundsContext b -> new ScenarioItem.Bounds(span(b), sizes(b.items));
            case ScenarioCheckContext k -> new ScenarioItem.Check(span(k), k.all != null, idents(k.names));
            case ScenarioExpectContext e -> expectation(span(e), e.outcome);
            case ScenarioStrategyContext s -> new ScenarioItem.Strategy(span(s), ident(s.name));
            case ScenarioCoverContext v -> new ScenarioItem.Cover(span(v),
                    v.points.stream().map(t -> unquote(t.getText())).toList(), v.points.stream().map(this::span).toList());
            default -> throw new IllegalStateException("unhandled scenario item " + c.getClass());
        };
    }

    private ScenarioItem expectation(SourceSpan span, ExpectationContext e) {
        return switch (e) {
            case ExpectPassContext p -> new ScenarioItem.Expect(span, ScenarioItem.Expect.Kind.PASS, null);
            case ExpectDeadlockContext d -> new ScenarioItem.Expect(span, ScenarioItem.Expect.Kind.DEADLOCK, null);
            case ExpectViolationContext v ->
                    new ScenarioItem.Expect(span, ScenarioItem.Expect.Kind.VIOLATION, ident(v.name));
            case ExpectFaultContext f -> new ScenarioItem.Expect(span, ScenarioItem.Expect.Kind.FAULT, ident(f.kind));
            default -> throw new IllegalStateException("unhandled expectation " + e.getClass());
        };
    }

    TypeNode type(TypeContext t) {
        return switch (t) {
            case BoolTypeContext b -> new TypeNode.BoolType(span(b));
            case IntTypeContext i -> new TypeNode.IntType(span(i),
                    i.lo == null ? null : bound(i.lo), i.hi == null ? null : bound(i.hi));
            case SetTypeContext s -> new TypeNode.SetType(span(s), type(s.elem));
            case MapTypeContext m -> new TypeNode.MapType(span(m), type(m.key), type(m.value));
            case ListTypeContext l -> new TypeNode.ListType(span(l), type(l.elem), bound(l.cap));
            case NamedTypeContext n -> new TypeNode.NamedType(span(n), ident(n.name));
            default -> throw new IllegalStateException("unhandled type " + t.getClass());
        };
    }

    private Expr bound(BoundContext b) {
        return switch (b) {
            case LiteralBoundContext l -> {
                Expr lit = exprs.intLiteral(l.INT().getSymbol(), span(l));
                yield l.neg == null ? lit : new Expr.Unary(span(l), org.mmspec.spec.ast.UnaryOp.NEG, lit, 2);
            }
            case ConstBoundContext c -> new Expr.Name(span(c), ident(c.name));
            case ExprBoundContext e -> expr(e.value);
            default -> throw new IllegalStateException("unhandled bound " + b.getClass());
        };
    }

    Stmt.Block block(BlockContext b) {
        List<Stmt> stmts = new ArrayList<>();
        for (StmtContext s : b.stmts) {
            stmts.add(stmt(s));
        }
        return new Stmt.Block(span(b), stmts);
    }

    private Stmt stmt(StmtContext s) {
        return switch (s) {
            case LabeledStmtContext l -> new Stmt.Labeled(span(l), ident(l.label), stmt(l.body));
            case GhostStmtContext g -> new Stmt.Ghost(span(g), block(g.body));
            case BlockStmtContext b -> block(b.block());
            case LocalDeclContext d -> new Stmt.LocalDecl(span(d), type(d.varType), declarators(d.vars, false));
            case IfStmtContext i -> new Stmt.If(span(i), exprList(i.conds),
                    i.thens.stream().map(this::block).toList(), i.otherwise == null ? null : block(i.otherwise));
            case WhileStmtContext w -> new Stmt.While(span(w), expr(w.cond), block(w.body));
            case ForStmtContext f -> new Stmt.For(span(f), ident(f.var), domain(f.dom), block(f.body));
            case EitherStmtContext e -> new Stmt.Either(span(e), e.branches.stream().map(this::block).toList());
            case WithStmtContext w -> new Stmt.With(span(w), ident(w.var), domain(w.dom), block(w.body));
            case AwaitStmtContext a -> new Stmt.Await(span(a), expr(a.cond));
            case AssertStmtContext a -> new Stmt.Assert(span(a), expr(a.cond),
                    a.msg == null ? null : unquote(a.msg.getText()));
            case ReturnStmtContext r -> new Stmt.Return(span(r), r.value == null ? null : expr(r.value));
            case BreakStmtContext b -> new Stmt.Break(span(b));
            case ContinueStmtContext c -> new Stmt.Continue(span(c));
            case EmptyStmtContext e -> new Stmt.Empty(span(e));
            case SimpleStmtContext x -> simple(x);
            default -> throw new IllegalStateException("unhandled statement " + s.getClass());
        };
    }

    private Stmt simple(SimpleStmtContext x) {
        Expr target = expr(x.target);
        if (x.op != null) {
            Stmt.AssignOp op = switch (x.op.getText()) {
                case "+=" -> Stmt.AssignOp.ADD;
                case "-=" -> Stmt.AssignOp.SUB;
                case "|=" -> Stmt.AssignOp.OR;
                case "&=" -> Stmt.AssignOp.AND;
                default -> Stmt.AssignOp.SET;
            };
            return new Stmt.Assign(span(x), target, op, expr(x.value));
        }
        if (x.step != null) {
            return new Stmt.Step(span(x), target, x.step.getText().equals("++"));
        }
        return new Stmt.ExprStmt(span(x), target);
    }

    Domain domain(DomainContext d) {
        return switch (d) {
            case BoolDomainContext b -> new Domain.Bools(span(b));
            case ExprDomainContext e -> e.hi == null ? new Domain.Of(span(e), expr(e.lo))
                    : new Domain.Range(span(e), expr(e.lo), expr(e.hi));
            default -> throw new IllegalStateException("unhandled domain " + d.getClass());
        };
    }

    Expr expr(ExprContext e) {
        return exprs.expr(e);
    }

    List<Expr> exprList(List<ExprContext> list) {
        List<Expr> out = new ArrayList<>(list.size());
        for (ExprContext e : list) {
            out.add(expr(e));
        }
        return out;
    }

    /** Dimensions where index names are not allowed (fields, parameters, locals): a name is reported. */
    private List<Expr> dims(List<DimContext> dims) {
        for (DimContext d : dims) {
            if (d.index != null) {
                diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, span(d.index), "an index name ('"
                        + d.index.getText() + "')", "this declaration (only global variables name their indices, for"
                        + " their discipline)");
            }
        }
        return dims.stream().map(d -> expr(d.size)).toList();
    }

    List<Declarator> declarators(List<DeclaratorContext> list, boolean global) {
        return list.stream().map(d -> global
                ? new Declarator(span(d), ident(d.name), d.dims.stream().map(x -> expr(x.size)).toList(),
                        d.dims.stream().map(x -> x.index == null ? null : ident(x.index)).toList(),
                        d.init == null ? null : expr(d.init))
                : new Declarator(span(d), ident(d.name), dims(d.dims), d.init == null ? null : expr(d.init))).toList();
    }

    private List<Annotation> annotations(List<AnnotationContext> list) {
        return list.stream().map(this::annotation).toList();
    }

    private Annotation annotation(AnnotationContext a) {
        return switch (a) {
            case BitsAnnotationContext b -> new Annotation.Bits(span(b), idents(b.members), annotations(b.items));
            case NamedAnnotationContext n -> new Annotation.Named(span(n), ident(n.name), exprList(n.args));
            default -> throw new IllegalStateException("unhandled annotation " + a.getClass());
        };
    }

    private List<Decl.SizeItem> sizes(List<SizeItemContext> list) {
        return list.stream().map(s -> new Decl.SizeItem(span(s), ident(s.name), expr(s.value))).toList();
    }

    Ident ident(IdentContext c) {
        return new Ident(c.getText(), span(c));
    }

    private List<Ident> idents(List<IdentContext> list) {
        return list.stream().map(this::ident).toList();
    }

    SourceSpan span(ParserRuleContext c) {
        Token start = c.getStart();
        Token stop = c.getStop() == null || c.getStop().getTokenIndex() < start.getTokenIndex() ? start : c.getStop();
        String stopText = stop.getType() == Token.EOF || stop.getText() == null ? " " : stop.getText();
        int nl = stopText.lastIndexOf('\n');
        int endCol = nl >= 0 ? stopText.length() - nl : stop.getCharPositionInLine() + 1 + stopText.length();
        int endLine = stop.getLine() + (int) stopText.chars().filter(ch -> ch == '\n').count();
        return new SourceSpan(file, start.getLine(), start.getCharPositionInLine() + 1, endLine, endCol);
    }

    SourceSpan span(Token t) {
        return SpecParser.span(file, t);
    }

    private static String text(ParserRuleContext c) {
        String raw = c.getStart().getInputStream().getText(
                Interval.of(c.getStart().getStartIndex(), c.getStop().getStopIndex()));
        return raw.replaceAll("\\s+", " ").trim();
    }

    static String unquote(String s) {
        String body = s.substring(1, s.length() - 1);
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static BigInteger parseInt(String text) {
        return text.startsWith("0x") || text.startsWith("0X")
                ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
    }

    void tooLarge(Token t) {
        diagnostics.error(DiagnosticCode.NUMBER_TOO_LARGE, span(t),
                t.getText().length() > 40 ? t.getText().substring(0, 40) + "..." : t.getText(), Integer.MAX_VALUE);
    }
}
