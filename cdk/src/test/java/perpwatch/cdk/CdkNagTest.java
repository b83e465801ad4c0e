package perpwatch.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;

/**
 * cdk-nag's AwsSolutions pack on every stack: no finding left that is not acknowledged with a written reason
 * ({@link NagFindings}).
 */
class CdkNagTest {
    @Test
    void everyStackPassesTheAwsSolutionsPack() {
        PerpwatchApp.Stacks s = SynthesizedStage.get().stacks;
        List<String> findings = new ArrayList<>();
        for (Stack stack : List.of(s.network(), s.data(), s.feeds(), s.api(), s.edge(), s.web())) {
            PolicyValidationPluginReport report = new AwsSolutionsChecks(stack).validateScope(stack);
            for (PolicyViolation v : report.getViolations()) {
                for (PolicyViolatingResource r : v.getViolatingResources()) {
                    findings.add(v.getSeverity() + " " + v.getRuleName() + " at " + r.getConstructPath());
                }
            }
        }
        findings.forEach(System.out::println);
        // Errors and warnings alike: every finding left is either fixed or acknowledged with its reason.
        assertEquals(List.of(), findings);
    }

    @Test
    void everyAcceptedFindingStillExists() {
        SynthesizedStage.get();
        List<NagFindings.Accepted> stale = NagFindings.ACCEPTED.stream()
                .filter(a -> !NagFindings.used().contains(a))
                .toList();
        assertEquals(List.of(), stale, "acknowledgments that match no finding any more: remove them");
    }

    @Test
    void everyAcknowledgmentSaysWhy() {
        for (NagFindings.Accepted a : NagFindings.ACCEPTED) {
            assertTrue(a.reason().length() >= 40, "a written reason for " + a.rule() + " on " + a.path());
        }
    }
}
