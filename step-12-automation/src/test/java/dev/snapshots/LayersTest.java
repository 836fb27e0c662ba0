package dev.snapshots;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.snapshots.web.Build;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
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
                        "org.h2..",
                        "..redis..",
                        "..cache..")
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
                .resideInAnyPackage(
                        "..data..", "..cache..", "org.jdbi..", "java.sql..", "javax.sql..", "org.h2..", "..redis..")
                .because("the web tier talks to the cache and data tiers only through the domain's UserRepository")
                .check(classes);
    }

    @Test
    void the_cache_tier_knows_nothing_of_the_web_or_of_SQL() {
        noClasses()
                .that()
                .resideInAPackage("..cache..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web..", "..session..", "io.javalin..", "..data..", "org.jdbi..", "java.sql..")
                .because("the cache sits in front of any UserRepository, whatever stores it")
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

    @Test
    void the_cdn_edge_knows_the_site_only_through_HTTP() {
        noClasses()
                .that()
                .resideInAPackage("..cdn..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..web..", "..domain..", "..data..", "..cache..", "..session..", "..lb..", "..dns..")
                .because("an edge in front of any origin sees only its HTTP answers, as CloudFront or Varnish does")
                .check(classes);
    }

    @Test
    void the_site_never_reaches_into_the_edge() {
        noClasses()
                .that()
                .resideInAnyPackage("..web..", "..domain..", "..data..", "..cache..", "..lb..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..cdn..")
                .because("the origin speaks to the edge in headers (Cache-Control, ETag), never in calls")
                .check(classes);
    }

    @Test
    void logging_serves_every_tier_and_knows_none_of_them() {
        noClasses()
                .that()
                .resideInAPackage("..logging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..web..",
                        "..lb..",
                        "..cdn..",
                        "..queue..",
                        "..photos..",
                        "..domain..",
                        "..session..",
                        "..dns..")
                .because("every server ships its lines the same way (since step 10); the log tier runs on the"
                        + " course's own Redis and H2 servers, and on nothing a server does")
                .check(classes);
    }

    @Test
    void metrics_watch_the_tiers_and_depend_on_none_of_their_code_but_the_queue() {
        noClasses()
                .that()
                .resideInAPackage("..metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..web..",
                        "..lb..",
                        "..cdn..",
                        "..domain..",
                        "..session..",
                        "..dns..",
                        "..photos..",
                        "..data..")
                .because("a server's metrics are Micrometer meters and a scraper reads them over HTTP (since step"
                        + " 11); only the queue's gauges read the queue itself")
                .check(classes);
    }

    @Test
    void the_deployer_drives_the_tiers_from_outside() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..web..", "..lb..", "..domain..", "..data..", "..cache..", "..session..", "..metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..deploy..")
                .because("no tier knows how it is deployed: the deployer (step 12) drives the web tier from"
                        + " outside, through a Fleet, as Kubernetes drives pods it did not write")
                .check(classes);
        classes()
                .that()
                .resideInAPackage("..deploy..")
                .should()
                .onlyDependOnClassesThat(
                        JavaClass.Predicates.resideInAnyPackage("..deploy..", "java..", "javax.crypto..", "org.slf4j..")
                                .or(JavaClass.Predicates.belongToAnyOf(Build.class)))
                .because("a deployer knows builds, a fleet and metrics' numbers (step 12); what the servers do"
                        + " inside is theirs")
                .check(classes);
    }

    /** Types whose instances change after they are made: a field of one is state, final or not. */
    private static final List<Class<?>> MUTABLE =
            List.of(Map.class, Collection.class, LongAdder.class, Number.class, StringBuilder.class);

    private static final ArchCondition<JavaField> HOLD_NO_STATE =
            new ArchCondition<>("hold no state between requests") {
                @Override
                public void check(JavaField field, ConditionEvents events) {
                    if (field.getOwner().reflect().isRecord()) {
                        return; // a value made for one request (a JSON body, an answer), not kept between them
                    }
                    boolean notFinal = !field.getModifiers().contains(JavaModifier.FINAL);
                    boolean mutableType = field.getRawType().isArray()
                            || field.getRawType().getPackageName().equals("java.util.concurrent.atomic")
                            || MUTABLE.stream()
                                    .anyMatch(type -> field.getRawType().isAssignableTo(type)
                                            && !field.getRawType().isEquivalentTo(Integer.class)
                                            && !field.getRawType().isEquivalentTo(Long.class));
                    if (notFinal || mutableType) {
                        events.add(SimpleConditionEvent.violated(
                                field,
                                field.getFullName()
                                        + (notFinal
                                                ? " is not final"
                                                : " is of a mutable type, "
                                                        + field.getRawType().getSimpleName())));
                    }
                }
            };

    @Test
    void the_web_tier_holds_no_state_between_requests() {
        fields().that()
                .areDeclaredInClassesThat()
                .resideInAPackage("..web..")
                .and()
                .areDeclaredInClassesThat()
                .doNotHaveSimpleName("WebServer")
                .and()
                .areDeclaredInClassesThat()
                .doNotHaveSimpleName("AssetCatalog")
                .and()
                .areDeclaredInClassesThat()
                .doNotHaveSimpleName("Lifecycle")
                .should(HOLD_NO_STATE)
                .because("any web server must be able to answer any request: sessions, failed-login counts and"
                        + " anything else about users live on the session tier (WebServer's own switches and"
                        + " counters, its Lifecycle since step 12, and the release's assets in AssetCatalog, are the"
                        + " same for every user)")
                .check(classes);
    }
}
