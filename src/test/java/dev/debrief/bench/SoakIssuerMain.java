package dev.debrief.bench;

import dev.debrief.testsupport.TestIssuer;
import dev.debrief.testsupport.TokenBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The token issuer of bench/soak, started by hand beside the production jar:
 * <pre>
 * ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.debrief.bench.SoakIssuerMain \
 *   -Dexec.args="--out target/soak/issuer"
 * </pre>
 * It serves discovery and keys on a loopback port of its own choosing and writes {@code issuer-url} (the
 * service's AUTH_SERVER_URL) and {@code token} (one bearer token for the whole soak) into {@code --out}. The URL is
 * written last and each file appears whole (a rename), so a script may read both as soon as the URL exists.
 * Options: {@code --school} (default soak-school), {@code --lifetime} in minutes (default 720: the token must
 * outlast the build, the start and the longest soak, since the load client never re-mints it).
 */
public final class SoakIssuerMain {

    private SoakIssuerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of("target/soak/issuer");
        String school = "soak-school";
        Duration lifetime = Duration.ofMinutes(720);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--school" -> school = args[++i];
                case "--lifetime" -> lifetime = Duration.ofMinutes(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TestIssuer issuer = new TestIssuer().start();
        String token = issuer.token()
                .school(school)
                .subject("soak@" + school)
                .scope(TokenBuilder.READ, TokenBuilder.WRITE)
                .expiresIn(lifetime)
                .sign();
        Files.createDirectories(out);
        writeWhole(out.resolve("token"), token);
        writeWhole(out.resolve("issuer-url"), issuer.issuerUrl());
        System.out.printf("Soak issuer at %s; token for school %s valid until %s%n", issuer.issuerUrl(), school,
                Instant.now().plus(lifetime));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            issuer.stop();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Owner-only (it is a bearer token), and renamed into place so a reader never sees half of it. */
    private static void writeWhole(Path target, String content) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
