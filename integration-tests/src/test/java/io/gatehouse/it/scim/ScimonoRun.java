package io.gatehouse.it.scim;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs scimono's test classes through the JUnit Platform Launcher, in a JVM of its own that
 * {@link ScimonoComplianceTest} starts with the classpath scimono was built for (JUnit 5, ANTLR
 * 4.9: this module runs on JUnit 6 and ANTLR 4.13, which dropped what it uses) and
 * {@code --add-opens java.base/java.net}, which Jersey's PATCH over HttpURLConnection needs.
 * Writes the pass count, the test count and one line per failure (test, tab, reason) to the file
 * named by its argument.
 */
public final class ScimonoRun {

    private ScimonoRun() {
    }

    public static void main(String[] args) throws java.io.IOException {
        Map<String, Object> result = run();
        StringBuilder out = new StringBuilder().append(result.get("passed")).append('\n').append(result.get("found")).append('\n');
        @SuppressWarnings("unchecked")
        Map<String, String> failures = (Map<String, String>) result.get("failures");
        failures.forEach((test, reason) -> out.append(test.replace('\t', ' ')).append('\t').append(reason.replace('\n', ' ')).append('\n'));
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), out);
    }

    /** @return {@code passed} and {@code found} (Long), and {@code failures}: test → reason (Map of String) */
    static Map<String, Object> run() {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Map<String, String> failures = new TreeMap<>();
        TestExecutionListener recorder = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failures.put(test.getUniqueId(), result.getThrowable().map(ScimonoRun::reason).orElse(result.getStatus().name()));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                failures.put(test.getUniqueId(), "skipped: " + reason);
            }
        };
        launcher.execute(request().selectors(selectPackage("com.sap.scimono.scim.system.tests")).build(), summary, recorder);
        TestExecutionSummary totals = summary.getSummary();
        return Map.of("passed", totals.getTestsSucceededCount(), "found", totals.getTestsFoundCount(), "failures", failures);
    }

    private static String reason(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).replaceAll("\\s+", " ").strip();
        return failure.getClass().getSimpleName() + ": " + (message.length() > 400 ? message.substring(0, 400) + "..." : message);
    }
}
