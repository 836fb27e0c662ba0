package dev.snapshots;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Not an exercise: the structure every step keeps. web → domain ← data; the domain knows no tier. */
@DisplayName("Layers: web → domain ← data")
class LayersTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() throws URISyntaxException {
        // This step's own main classes only (target/classes, or target/solutions/classes for the
        // reference answers): not its tests, and not the course tools' classes on the class path.
        // One folder to read instead of every jar to search for the package: about half the time.
        Path stepClasses = Path.of(Topology.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        classes = new ClassFileImporter().importPath(stepClasses);
    }

    @Test
    void the_domain_depends_on_no_tier_and_no_framework() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..web..",
                        "..data..",
                        "..session..",
                        "..dns..",
                        "io.javalin..",
                        "com.fasterxml..",
                        "org.jdbi..",
                        "java.sql..",
                        "org.h2..")
                .because("the rules of Snapshots must not change when a tier does")
                .check(classes);
    }

    @Test
    void no_two_packages_need_each_other() {
        slices().matching("dev.snapshots.(*)..")
                .should()
                .beFreeOfCycles()
                .because("each package is one box of the diagram, built on the boxes below it: two packages"
                        + " that need each other are one box cut in two, and neither can be read, tested"
                        + " or replaced alone")
                .check(classes);
    }

    @Test
    void the_web_tier_never_touches_JDBI_JDBC_or_the_data_package() {
        noClasses()
                .that()
                .resideInAPackage("..web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..data..", "org.jdbi..", "java.sql..", "javax.sql..", "org.h2..")
                .because("the web tier talks to the data tier only through the domain's UserRepository")
                .check(classes);
    }

    @Test
    void the_data_tier_knows_nothing_of_the_web() {
        noClasses()
                .that()
                .resideInAPackage("..data..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web..", "..session..", "io.javalin..")
                .because("a data tier serves any client, not one web framework")
                .check(classes);
    }
}
