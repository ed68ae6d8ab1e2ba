package org.mmspec.spec.parse;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.mmspec.spec.ast.BinaryOp;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.UnaryOp;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.syntax.MmSpecParser.*;

/**
 * Expressions: the grammar gives flat operator chains, folded here by precedence without recursion on
 * the chain length; trees deeper than {@link #MAX_DEPTH} are reported and replaced by a literal.
 */
final class ExprBuilder {

    /** Deepest accepted expression tree. */
    static final int MAX_DEPTH = 200;

    private final AstBuilder ast;
    private final Diagnostics diagnostics;

    ExprBuilder(AstBuilder ast, Diagnostics diagnostics) {
        this.ast = ast;
        this.diagnostics = diagnostics;
    }

    Expr expr(ExprContext e) {
        Expr cond = chain(e.cond);
        if (e.then == null) {
            return cond;
        }
        Expr then = expr(e.then);
        Expr otherwise = expr(e.otherwise);
        return limited(new Expr.Conditional(ast.span(e), cond, then, otherwise,
                Expr.depthOver(List.of(cond, then, otherwise))));
    }

    private Expr quantified(PrimaryContext ctx, Expr.QuantKind kind, IdentContext var, DomainContext dom,
            ExprContext body) {
        var domain = ast.domain(dom);
        Expr b = expr(body);
        return limited(new Expr.Quantified(ast.span(ctx), kind, ast.ident(var), domain, b, b.depth() + 1));
    }

    /** Operator-precedence folding of {@code u0 op1 u1 op2 u2 ...} with two explicit stacks. */
    private Expr chain(OpChainContext c) {
        Deque<Expr> operands = new ArrayDeque<>();
        Deque<BinaryOp> ops = new ArrayDeque<>();
        operands.push(unary(c.operands.get(0)));
        for (int i = 0; i < c.ops.size(); i++) {
            BinaryOp op = BinaryOp.of(c.ops.get(i).getText());
            while (!ops.isEmpty() && (ops.peek().precedence() > op.precedence()
                    || ops.peek().precedence() == op.precedence() && !op.rightAssociative())) {
                reduce(operands, ops);
            }
            ops.push(op);
            operands.push(unary(c.operands.get(i + 1)));
        }
        while (!ops.isEmpty()) {
            reduce(operands, ops);
        }
        return operands.pop();
    }

    private void reduce(Deque<Expr> operands, Deque<BinaryOp> ops) {
        Expr right = operands.pop();
        Expr left = operands.pop();
        BinaryOp op = ops.pop();
        operands.push(limited(new Expr.Binary(left.span().to(right.span()), op, left, right,
                Math.max(left.depth(), right.depth()) + 1)));
    }

    private Expr unary(UnaryContext u) {
        Expr e = postfix(u.operand);
        for (int i = u.prefix.size() - 1; i >= 0; i--) {
            Token t = u.prefix.get(i);
            UnaryOp op = switch (t.getText()) {
                case "-" -> UnaryOp.NEG;
                case "!" -> UnaryOp.NOT;
                default -> UnaryOp.COMPLEMENT;
            };
            e = limited(new Expr.Unary(ast.span(t).to(e.span()), op, e, e.depth() + 1));
        }
        return e;
    }

    private Expr postfix(PostfixContext p) {
        Expr e = primary(p.head);
        for (SuffixContext s : p.suffixes) {
            SourceSpan span = e.span().to(ast.span(s));
            e = limited(switch (s) {
                case FieldSuffixContext f -> new Expr.Field(span, e, ast.ident(f.field), e.depth() + 1);
                case IndexSuffixContext x -> {
                    Expr index = expr(x.index);
                    yield new Expr.Index(span, e, index, Math.max(e.depth(), index.depth()) + 1);
                }
                default -> throw new IllegalStateException("unhandled suffix " + s.getClass());
            });
        }
        return e;
    }

    private Expr primary(PrimaryContext p) {
        SourceSpan span = ast.span(p);
        return switch (p) {
            case QuantExprContext q -> quantified(q, q.quant.getText().equals("forall")
                    ? Expr.QuantKind.FORALL : Expr.QuantKind.EXISTS, q.var, q.dom, q.body);
            case AggregateExprContext a -> quantified(a, a.agg.getText().equals("count")
                    ? Expr.QuantKind.COUNT : Expr.QuantKind.SUM, a.var, a.dom, a.body);
            case IntLiteralContext i -> intLiteral(i.value, span);
            case TrueLiteralContext t -> new Expr.BoolLit(span, true);
            case FalseLiteralContext f -> new Expr.BoolLit(span, false);
            case NullLiteralContext n -> new Expr.NullLit(span);
            case SelfExprContext s -> new Expr.Self(span);
            case CallExprContext c -> {
                List<Expr> args = ast.exprList(c.args);
                yield new Expr.Call(span, ast.ident(c.callee), args, Expr.depthOver(args));
            }
            case NameExprContext n -> new Expr.Name(span, ast.ident(n.name));
            case ParenExprContext x -> expr(x.inner);
            case SetLiteralContext s -> {
                List<Expr> elems = new ArrayList<>(ast.exprList(s.elems));
                yield new Expr.SetLit(span, elems, Expr.depthOver(elems));
            }
            default -> throw new IllegalStateException("unhandled primary " + p.getClass());
        };
    }

    Expr intLiteral(Token t, SourceSpan span) {
        BigInteger v = AstBuilder.parseInt(t.getText());
        if (v.bitLength() > 31) {
            ast.tooLarge(t);
            return new Expr.IntLit(span, 0);
        }
        return new Expr.IntLit(span, v.longValue());
    }

    private Expr limited(Expr e) {
        if (e.depth() > MAX_DEPTH) {
            diagnostics.error(DiagnosticCode.EXPRESSION_TOO_DEEP, e.span(), MAX_DEPTH);
            return new Expr.IntLit(e.span(), 0);
        }
        return e;
    }
}
