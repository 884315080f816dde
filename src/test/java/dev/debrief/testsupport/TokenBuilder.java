package dev.debrief.testsupport;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The claims of one test token, from {@link TestIssuer#token()}. Starts as a valid token for an instructor of
 * school A with both scopes; each setter bends one thing, and a {@code null} leaves that claim out, so tests
 * can name exactly what is wrong with the token they send.
 *
 * <p>All claims are set here, {@code jti} included, so that smallrye-jwt adds nothing of its own and
 * {@link #unsigned()} carries the same claims a signed token would.
 */
public final class TokenBuilder {

    public static final String AUDIENCE = "debrief";
    public static final String SUBJECT = "instructor@school-a";
    public static final String SCHOOL = "school-a";
    public static final String READ = "batches:read";
    public static final String WRITE = "batches:write";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final TestIssuer issuer;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    TokenBuilder(TestIssuer issuer) {
        this.issuer = issuer;
        Instant now = Instant.now();
        claims.put("iss", issuer.issuerUrl());
        // a plain string, the single-audience form most issuers send (smallrye's audience() would make an array)
        claims.put("aud", AUDIENCE);
        claims.put("sub", SUBJECT);
        claims.put("school_id", SCHOOL);
        claims.put("scope", READ + " " + WRITE);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofMinutes(10)).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
    }

    public TokenBuilder school(String schoolId) {
        return claim("school_id", schoolId);
    }

    public TokenBuilder subject(String subject) {
        return claim("sub", subject);
    }

    /** The scopes as one space-separated {@code scope} string (RFC 8693 style); none at all leaves it out. */
    public TokenBuilder scope(String... scopes) {
        claims.remove("scp");
        return claim("scope", scopes.length == 0 ? null : String.join(" ", scopes));
    }

    /** The scopes as a JSON array in {@code scp}, as some issuers send them, instead of {@code scope}. */
    public TokenBuilder scp(String... scopes) {
        claims.remove("scope");
        return claim("scp", List.of(scopes));
    }

    public TokenBuilder audience(String audience) {
        return claim("aud", audience);
    }

    public TokenBuilder issuer(String issuerUrl) {
        return claim("iss", issuerUrl);
    }

    /** Expiry counted from now; {@code iat} stays as it is. */
    public TokenBuilder expiresIn(Duration lifetime) {
        return claim("exp", Instant.now().plus(lifetime).getEpochSecond());
    }

    /** Expired five minutes ago, well past any clock-skew allowance, and issued ten minutes before that. */
    public TokenBuilder expired() {
        Instant now = Instant.now();
        claim("iat", now.minus(Duration.ofMinutes(15)).getEpochSecond());
        return claim("exp", now.minus(Duration.ofMinutes(5)).getEpochSecond());
    }

    /** Any claim; strings, numbers, booleans, collections, arrays and maps. {@code null} removes it. */
    public TokenBuilder claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, asJsonValue(value));
        }
        return this;
    }

    /** Signed RS256 with the issuer's current key and its {@code kid}. */
    public String sign() {
        RsaJsonWebKey key = issuer.signingKey();
        return signWith(key, key.getKeyId());
    }

    /**
     * Signed with a key the issuer never published, under the {@code kid} of the current key: a forgery that
     * only a real signature check catches.
     */
    public String signWithForeignKey() {
        RsaJsonWebKey forger = issuer.foreignKey();
        return signWith(forger, issuer.currentKid());
    }

    /** {@code alg: none}: base64url(header).base64url(payload) and an empty signature part. */
    public String unsigned() {
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        return encode(header) + "." + encode(JsonUtil.toJson(claims)) + ".";
    }

    private String signWith(RsaJsonWebKey key, String kid) {
        return Jwt.claims(new LinkedHashMap<>(claims)).jws().keyId(kid).algorithm(SignatureAlgorithm.RS256).sign(key.getPrivateKey());
    }

    // jose4j's JSON writer knows lists but not sets or arrays; smallrye's would turn an array into its toString
    private static Object asJsonValue(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        return value instanceof Collection<?> collection ? new ArrayList<>(collection) : value;
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** For messages: the claims as JSON. */
    @Override
    public String toString() {
        return JsonUtil.toJson(claims);
    }
}
