package org.mmspec.junit;

/** The files of the user project {@link SeparateProjectTest} generates: what the README tells a user to write. */
final class UserProject {

    private UserProject() {
    }

    static String pom(String junit, String compiler, String resources, String surefire) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>my-mm-checks</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>21</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.junit</groupId>
                        <artifactId>junit-bom</artifactId>
                        <version>%s</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>org.mmspec</groupId>
                      <artifactId>mmspec-junit</artifactId>
                      <version>0.1.0-SNAPSHOT</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(junit, compiler, resources, surefire);
    }

    static final String SCENARIO = """
            // two threads of one process write-fault the same fresh anonymous page
            scenario two-writers "two write faults on one fresh page" {
                setup {
                    mm = mm_alloc();
                    a = mmap(mm, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
                }
                thread T0 = user_write(mm, a, 1);
                thread T1 = user_write(mm, a, 2);
                expect pass;
                cover "do_anonymous_page:set_pte_at";
            }
            """;

    static final String SPEC = """
            import <mm/fault.mmspec>;

            scenario two_writers {
                memory { pages = 2; mms = 1; vmas = 1; }
                init {
                    setup_vma(0, 0, {VM_READ, VM_WRITE, VM_MAYWRITE}, false);
                    mem_init(0, 0, 0);
                }
                thread T1 = user_write(0, 0);
                thread T2 = user_write(0, 0);
                expect pass;
            }
            """;

    static final String TEST = """
            package example;

            import java.nio.file.Path;
            import java.util.Set;
            import java.util.stream.Stream;
            import org.junit.jupiter.api.DynamicNode;
            import org.junit.jupiter.api.DynamicTest;
            import org.junit.jupiter.api.TestFactory;
            import org.mmspec.checker.scenario.build.Handles.Addr;
            import org.mmspec.checker.scenario.build.Handles.FileRef;
            import org.mmspec.checker.scenario.build.Handles.Mm;
            import org.mmspec.checker.scenario.build.KernelCall;
            import org.mmspec.checker.scenario.build.KernelCall.Map;
            import org.mmspec.checker.scenario.build.KernelCall.Prot;
            import org.mmspec.checker.scenario.build.ScenarioBuilder;
            import org.mmspec.junit.MmspecTests;
            import org.mmspec.ref.bugs.BugId;
            import org.mmspec.ref.filemap.FileKind;

            class MmChecksTest {

                @TestFactory
                Stream<DynamicNode> myFiles() {                 // one test per check of every file under the directory
                    return MmspecTests.files(Path.of("src/test/mmspec"));
                }

                @TestFactory
                Stream<DynamicTest> builtInJava() {             // a scenario built with typed handles
                    ScenarioBuilder b = ScenarioBuilder.scenario("cow-race", "Dirty COW, built in Java");
                    Mm mm = b.mmAlloc();
                    FileRef f = b.createFile(FileKind.REGULAR_RO, 100);
                    b.cacheFilePage(f, 0);                          // cached: no read I/O
                    Addr a = b.mmap(mm, ScenarioBuilder.PAGE_SIZE, Set.of(Prot.READ), Set.of(Map.PRIVATE), f);
                    b.thread("writer", KernelCall.accessRemoteVm(mm, a, 666, true));
                    b.thread("madvise", KernelCall.madviseDontneed(mm, a, ScenarioBuilder.PAGE_SIZE));
                    b.bug(BugId.DIRTY_COW, "cow_isolation", "dirty_not_lost");
                    return MmspecTests.scenarios(b.build());
                }
            }
            """;
}
