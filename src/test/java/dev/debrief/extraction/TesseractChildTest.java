package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the tesseract child gets of the JVM: its environment and its memory limit. */
class TesseractChildTest {

    private static final Set<String> CHILD_VARIABLES = Set.of("PATH", "TESSDATA_PREFIX", "LANG", "LC_ALL",
            "OMP_THREAD_LIMIT", "HOME");
    /** What the stand-in's shell adds of its own, and the limit it prints. */
    private static final Set<String> ADDED_BY_THE_STAND_IN = Set.of("PWD", "SHLVL", "_", "ULIMIT_V");

    @TempDir
    Path folder;

    @Test
    void aSecretInTheJvmsEnvironmentIsNotInTheChilds() throws Exception {
        // The JVM's environment cannot be changed from inside, so a JVM of its own is started with the secret.
        ChildJvm.Result jvm = ChildJvm.run(List.of(), Map.of("DB_PASSWORD", "hunter2-not-for-tesseract",
                        "TESSDATA_PREFIX", "/opt/tessdata"), folder, PrintTesseractEnvironmentMain.class,
                tesseractThatPrintsItsEnvironment().toString(), folder.toString());

        assertThat(jvm.exitCode()).as(jvm.output()).isZero();
        assertThat(jvm.output()).contains("jvm-has-secret=true")
                .contains("TESSDATA_PREFIX=/opt/tessdata").contains("OMP_THREAD_LIMIT=1")
                .doesNotContain("hunter2");
    }

    @Test
    void theChildSeesOnlyWhatItNeedsAndRunsUnderTheMemoryLimit() throws Exception {
        Tesseract tesseract = new Tesseract(tesseractThatPrintsItsEnvironment().toString(), "eng", 1L << 30);
        assertThat(tesseract.memoryLimited()).as("prlimit (util-linux) on this machine's PATH").isTrue();

        Map<String, String> seen = environmentSeenBy(tesseract);

        assertThat(CHILD_VARIABLES).containsAll(seen.keySet().stream()
                .filter(name -> !ADDED_BY_THE_STAND_IN.contains(name)).collect(Collectors.toSet()));
        assertThat(seen).containsEntry("LANG", "C").containsEntry("LC_ALL", "C").containsEntry("OMP_THREAD_LIMIT", "1")
                .containsEntry("PATH", System.getenv("PATH"))
                .containsEntry("HOME", System.getProperty("java.io.tmpdir"))
                .containsEntry("ULIMIT_V", String.valueOf((1L << 30) / 1024)); // ulimit -v counts KiB
    }

    @Test
    void withoutPrlimitTesseractRunsWithoutTheLimit() throws Exception {
        Tesseract tesseract = new Tesseract(tesseractThatPrintsItsEnvironment().toString(), "eng", 1L << 30, null);

        assertThat(tesseract.memoryLimited()).isFalse();
        assertThat(environmentSeenBy(tesseract)).containsEntry("ULIMIT_V", "unlimited");
    }

    @Test
    void prlimitIsLookedForOnThePath() throws Exception {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path prlimit = Files.writeString(bin.resolve("prlimit"), "#!/bin/sh\n");
        assertThat(prlimit.toFile().setExecutable(true)).isTrue();

        assertThat(Tesseract.onPath("prlimit", folder.resolve("nothing") + ":" + bin)).contains(prlimit);
        assertThat(Tesseract.onPath("prlimit", folder.resolve("nothing").toString())).isEmpty();
    }

    @Test
    void theEnvironmentIsBuiltFromTheJvmsWithoutItsSecrets() {
        Map<String, String> child = Tesseract.childEnvironment(Map.of("PATH", "/bin", "DB_PASSWORD", "x",
                "DRIVE_OAUTH_CLIENT_SECRET", "y", "HOME", "/home/app"), "/tmp");

        assertThat(child).containsOnly(Map.entry("PATH", "/bin"), Map.entry("LANG", "C"), Map.entry("LC_ALL", "C"),
                Map.entry("OMP_THREAD_LIMIT", "1"), Map.entry("HOME", "/tmp"));
    }

    private Map<String, String> environmentSeenBy(Tesseract tesseract) throws Exception {
        Path image = Files.writeString(folder.resolve("page.pgm"), "P5\n1 1\n255\n\0");
        return tesseract.read(image, List.of()).lines()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (first, second) -> first));
    }

    /** A stand-in for tesseract that knows English and writes, as the page's text, its environment and its limit. */
    private Path tesseractThatPrintsItsEnvironment() throws Exception {
        Path script = folder.resolve("tesseract-printing-environment");
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo eng; exit 0; fi
                { env; echo "ULIMIT_V=$(ulimit -v)"; } > "$2.txt"
                """);
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }
}
