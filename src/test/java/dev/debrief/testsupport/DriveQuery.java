package dev.debrief.testsupport;

import dev.debrief.testsupport.FakeDriveStore.DriveError;
import dev.debrief.testsupport.FakeDriveStore.Item;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The part of Drive's {@code q} language that the gateway sends: terms joined by {@code and}, each one of
 * {@code name =|!= 'x'}, {@code mimeType =|!= 'x'}, {@code trashed = true|false}, {@code 'id' in parents}
 * and {@code appProperties has { key='k' and value='v' }}. Anything else is a 400, as a malformed query is
 * in Drive, so that a query the fake does not understand can never pass by accident.
 */
final class DriveQuery {

    private final List<String> tokens;
    private int pos;

    private DriveQuery(List<String> tokens) {
        this.tokens = tokens;
    }

    static Predicate<Item> parse(String q) {
        if (q.isBlank()) {
            return i -> true;
        }
        DriveQuery p = new DriveQuery(tokenize(q));
        Predicate<Item> result = p.term();
        while (p.pos < p.tokens.size()) {
            p.expectWord("and");
            result = result.and(p.term());
        }
        return result;
    }

    private Predicate<Item> term() {
        String t = next();
        if (isString(t)) {
            String id = unquote(t);
            expectWord("in");
            expectWord("parents");
            return i -> i.parents().contains(id);
        }
        switch (t) {
            case "name" -> {
                boolean eq = operator();
                String v = string();
                return i -> i.name().equals(v) == eq;
            }
            case "mimeType" -> {
                boolean eq = operator();
                String v = string();
                return i -> i.mimeType().equals(v) == eq;
            }
            case "trashed" -> {
                boolean eq = operator();
                String v = next();
                if (!v.equals("true") && !v.equals("false")) {
                    throw invalid("trashed takes true or false, not " + v);
                }
                boolean wanted = Boolean.parseBoolean(v) == eq;
                return i -> i.trashed() == wanted;
            }
            case "appProperties" -> {
                expectWord("has");
                expect("{");
                expectWord("key");
                expect("=");
                String key = string();
                expectWord("and");
                expectWord("value");
                expect("=");
                String value = string();
                expect("}");
                return i -> value.equals(i.appProperties().get(key));
            }
            default -> throw invalid("unsupported term starting at '" + t + "'");
        }
    }

    /** true for '=', false for '!='. */
    private boolean operator() {
        String op = next();
        if (op.equals("=")) {
            return true;
        }
        if (op.equals("!=")) {
            return false;
        }
        throw invalid("expected = or != but found " + op);
    }

    private String string() {
        String t = next();
        if (!isString(t)) {
            throw invalid("expected a quoted string but found " + t);
        }
        return unquote(t);
    }

    private void expect(String symbol) {
        String t = next();
        if (!t.equals(symbol)) {
            throw invalid("expected " + symbol + " but found " + t);
        }
    }

    private void expectWord(String word) {
        String t = next();
        if (!t.equalsIgnoreCase(word)) {
            throw invalid("expected " + word + " but found " + t);
        }
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw invalid("unexpected end of query");
        }
        return tokens.get(pos++);
    }

    private static boolean isString(String token) {
        return token.startsWith("'");
    }

    /** Tokens keep their opening quote as a marker; the content is already unescaped. */
    private static String unquote(String token) {
        return token.substring(1);
    }

    private static List<String> tokenize(String q) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder s = new StringBuilder("'");
                i++;
                boolean closed = false;
                while (i < q.length()) {
                    char d = q.charAt(i);
                    if (d == '\\') {
                        if (i + 1 >= q.length()) {
                            throw invalid("dangling backslash");
                        }
                        char e = q.charAt(i + 1);
                        if (e != '\\' && e != '\'') {
                            throw invalid("unknown escape \\" + e);
                        }
                        s.append(e);
                        i += 2;
                    } else if (d == '\'') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        s.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw invalid("unterminated string");
                }
                out.add(s.toString());
            } else if (c == '{' || c == '}' || c == '=') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '!' && i + 1 < q.length() && q.charAt(i + 1) == '=') {
                out.add("!=");
                i += 2;
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < q.length() && Character.isLetterOrDigit(q.charAt(i))) {
                    i++;
                }
                out.add(q.substring(start, i));
            } else {
                throw invalid("unexpected character '" + c + "'");
            }
        }
        return out;
    }

    private static DriveError invalid(String detail) {
        return new DriveError(400, "invalid", "Invalid Value (q: " + detail + ")");
    }
}
