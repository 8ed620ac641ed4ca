package dev.plantsync;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Capabilities stay apart (DESIGN.md section 1): a capability may use platform, odoo, approvals and operations, never
 * another capability's insides, and no two packages depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "dev.plantsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] SHARED = {"dev.plantsync.platform..", "dev.plantsync.odoo..",
            "dev.plantsync.approvals..", "dev.plantsync.operations..", "java..", "javax..", "jakarta..", "org..",
            "com..", "io..", "tools..", "picocli.."};

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.plantsync.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule platformStandsAlone = noClasses().that().resideInAPackage("dev.plantsync.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.plantsync.operations..", "dev.plantsync.odoo..",
                    "dev.plantsync.approvals..", "dev.plantsync.demo..", "dev.plantsync.sftp..", "dev.plantsync.edi..",
                    "dev.plantsync.invoices..", "dev.plantsync.masterdata..", "dev.plantsync.costing..",
                    "dev.plantsync.reconciliation..", "dev.plantsync.console..", "dev.plantsync.production..");

    @ArchTest
    static final ArchRule operationsKnowsNoCapability = noClasses().that().resideInAPackage("dev.plantsync.operations..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.plantsync.demo..", "dev.plantsync.invoices..",
                    "dev.plantsync.masterdata..", "dev.plantsync.costing..", "dev.plantsync.reconciliation..",
                    "dev.plantsync.production..");

    @ArchTest
    static final ArchRule demoUsesOnlySharedPackages = noClasses().that().resideInAPackage("dev.plantsync.demo..")
            .should().dependOnClassesThat().resideOutsideOfPackages(concat(SHARED, "dev.plantsync.demo.."));

    private static String[] concat(String[] a, String b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + 1);
        all[a.length] = b;
        return all;
    }
}
