package dev.debrief.access;

import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The OAuth scopes of the API, and where a token carries them. */
final class Scopes {

    static final String READ = "batches:read";
    static final String WRITE = "batches:write";

    private Scopes() {
    }

    /** GET (and HEAD) read; everything else changes something. */
    static String requiredFor(String httpMethod) {
        return "GET".equals(httpMethod) || "HEAD".equals(httpMethod) ? READ : WRITE;
    }

    /**
     * The token's scopes: the standard space-separated {@code scope} claim, and {@code scp}, which Azure AD and
     * Okta send as an array (some issuers as a string).
     */
    static Set<String> of(JsonWebToken token) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String claim : new String[] {"scope", "scp"}) {
            Object value = token.getClaim(claim);
            if (value instanceof String text) {
                addWords(scopes, text);
            } else if (value instanceof Iterable<?> values) {
                values.forEach(item -> addWords(scopes, unquoted(item.toString())));
            }
        }
        return scopes;
    }

    private static void addWords(Set<String> scopes, String text) {
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                scopes.add(word);
            }
        }
    }

    /** JSON-P string values print with their quotes. */
    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
