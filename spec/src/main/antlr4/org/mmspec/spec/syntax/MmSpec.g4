/*
 * The mmspec specification language.
 *
 * Grammar only: labelled alternatives, named children, no actions. Expressions are parsed flat
 * (operand (operator operand)*) and folded by precedence in org.mmspec.spec.parse, so that no rule
 * recurses on a long operator chain; the parse driver bounds the remaining rule nesting.
 */
grammar MmSpec;

file
    : imports+=importDecl* decls+=topDecl* EOF
    ;

importDecl
    : 'import' path=STRING ';'                          # fileImport
    | 'import' '<' lib=libPath '>' ';'                  # libraryImport
    ;

/* A file of the library search path: <mm/fault.mmspec>. */
libPath
    : parts+=libPart (seps+=('/' | '.' | '-') parts+=libPart)*
    ;

libPart
    : ident | INT
    ;

topDecl
    : 'const' name=ident '=' value=expr ';'                                        # constDecl
    | 'enum' name=ident '{' members+=ident (',' members+=ident)* ','? '}'          # enumDecl
    | 'record' name=ident '{' fields+=fieldDecl* '}'                               # recordDecl
    | 'typedef' target=type name=ident ';'                                         # typedefDecl
    | 'memory' '{' sizes+=sizeItem* '}'                                            # memoryDecl
    | ret=returnType name=ident '(' (params+=param (',' params+=param)*)? ')' body=block  # procDecl
    | varType=type vars+=declarator (',' vars+=declarator)* annotations+=annotation* ';'   # globalDecl
    | 'invariant' name=ident doc=STRING? ':' body=expr ';'                         # invariantDecl
    | 'limit' name=ident doc=STRING? ':' body=expr ';'                             # limitDecl
    | 'scenario' name=ident '{' items+=scenarioItem* '}'                           # scenarioDecl
    ;

fieldDecl
    : fieldType=type name=ident dims+=dim* ';'
    ;

sizeItem
    : name=ident '=' value=expr ';'
    ;

param
    : paramType=type name=ident dims+=dim*
    ;

declarator
    : name=ident dims+=dim* ('=' init=expr)?
    ;

dim
    : '[' size=expr index=ident? ']'
    ;

/*
 * The protection discipline of a global (docs/language.md, "Disciplines"): guarded_by(ptl[m]), atomic,
 * racy_reads, ..., and per-bit groups of a set: bits(PG_lru) { guarded_by(lru_lock) }.
 */
annotation
    : 'bits' '(' members+=ident (',' members+=ident)* ')' '{' items+=annotation+ '}'   # bitsAnnotation
    | name=ident ('(' args+=expr (',' args+=expr)* ')')?                                # namedAnnotation
    ;

returnType
    : 'void'                                            # voidReturn
    | type                                              # valueReturn
    ;

type
    : 'bool'                                            # boolType
    | 'int' ('<' lo=bound '..' hi=bound '>')?           # intType
    | 'set' '<' elem=type '>'                           # setType
    | 'map' '<' key=type ',' value=type '>'             # mapType
    | 'list' '<' elem=type ',' cap=bound '>'            # listType
    | name=ident                                        # namedType
    ;

bound
    : neg='-'? INT                                      # literalBound
    | name=ident                                        # constBound
    | '(' value=expr ')'                                # exprBound
    ;

block
    : '{' stmts+=stmt* '}'
    ;

stmt
    : label=ident ':' body=stmt                                               # labeledStmt
    | block                                                                   # blockStmt
    | varType=type vars+=declarator (',' vars+=declarator)* ';'               # localDecl
    | 'if' '(' conds+=expr ')' thens+=block
      ('else' 'if' '(' conds+=expr ')' thens+=block)*
      ('else' otherwise=block)?                                               # ifStmt
    | 'while' '(' cond=expr ')' body=block                                    # whileStmt
    | 'for' '(' var=ident 'in' dom=domain ')' body=block                      # forStmt
    | 'either' branches+=block ('or' branches+=block)+                        # eitherStmt
    | 'with' '(' var=ident 'in' dom=domain ')' body=block                     # withStmt
    | 'await' cond=expr ';'                                                   # awaitStmt
    | 'ghost' body=block                                                      # ghostStmt
    | 'assert' cond=expr (',' msg=STRING)? ';'                                # assertStmt
    | 'return' value=expr? ';'                                                # returnStmt
    | 'break' ';'                                                             # breakStmt
    | 'continue' ';'                                                          # continueStmt
    | ';'                                                                     # emptyStmt
    | target=expr (op=assignOp value=expr | step=('++' | '--'))? ';'          # simpleStmt
    ;

assignOp
    : '=' | '+=' | '-=' | '|=' | '&='
    ;

domain
    : 'bool'                                            # boolDomain
    | lo=expr ('..' hi=expr)?                           # exprDomain
    ;

expr
    : cond=opChain ('?' then=expr ':' otherwise=expr)?
    ;

opChain
    : operands+=unary (ops+=binaryOp operands+=unary)*
    ;

binaryOp
    : '==>' | '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in'
    | '|' | '&' | '+' | '-' | '*' | '/' | '%'
    ;

unary
    : prefix+=('-' | '!' | '~')* operand=postfix
    ;

postfix
    : head=primary suffixes+=suffix*
    ;

suffix
    : '.' field=ident                                   # fieldSuffix
    | '[' index=expr ']'                                # indexSuffix
    ;

/* A quantifier's body reaches as far right as possible: parenthesise it inside larger expressions. */
primary
    : quant=('forall' | 'exists') var=ident 'in' dom=domain ':' body=expr     # quantExpr
    | agg=('count' | 'sum') var=ident 'in' dom=domain ':' body=expr         # aggregateExpr
    | value=INT                                         # intLiteral
    | 'true'                                            # trueLiteral
    | 'false'                                           # falseLiteral
    | 'NULL'                                            # nullLiteral
    | 'self'                                            # selfExpr
    | callee=ident '(' (args+=expr (',' args+=expr)*)? ')'   # callExpr
    | name=ident                                        # nameExpr
    | '(' inner=expr ')'                                # parenExpr
    | '{' (elems+=expr (',' elems+=expr)*)? '}'         # setLiteral
    ;

scenarioItem
    : 'memory' '{' sizes+=sizeItem* '}'                                       # scenarioMemory
    | 'init' body=block                                                       # scenarioInit
    | 'thread' name=ident '=' proc=ident '(' (args+=expr (',' args+=expr)*)? ')' ';'   # scenarioThread
    | 'bounds' '{' items+=sizeItem* '}'                                       # scenarioBounds
    | 'check' (all='all' | none='none' | names+=ident (',' names+=ident)*) ';'  # scenarioCheck
    | 'expect' outcome=expectation ';'                                        # scenarioExpect
    | 'strategy' name=ident ';'                                               # scenarioStrategy
    | 'cover' points+=STRING (',' points+=STRING)* ';'                        # scenarioCover
    ;

expectation
    : 'pass'                                            # expectPass
    | 'violation' name=ident                            # expectViolation
    | 'deadlock'                                        # expectDeadlock
    | 'fault' kind=ident                                # expectFault
    ;

/* Soft keywords: words that are keywords only where the grammar expects them. */
ident
    : ID | 'count' | 'sum' | 'memory' | 'init' | 'thread' | 'bounds' | 'check' | 'expect' | 'limit' | 'cover'
    | 'pass' | 'violation' | 'deadlock' | 'fault' | 'strategy' | 'all' | 'none' | 'set' | 'map' | 'list'
    | 'bits' | 'ghost'
    ;

INT          : [0-9]+ | '0' [xX] [0-9a-fA-F]+ ;
ID           : [a-zA-Z_] [a-zA-Z_0-9]* ;
STRING       : '"' (~["\\\r\n] | '\\' ["\\nt])* '"' ;
LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN) ;
WS           : [ \t\r\n\f]+ -> channel(HIDDEN) ;
/* Anything else is one bad character; the parser reports it. */
BAD_CHAR     : . ;
