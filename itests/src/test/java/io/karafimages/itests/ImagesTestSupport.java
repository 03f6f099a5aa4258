package io.karafimages.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** Boots our real distribution (the tar.gz the build made) with pax-exam, on a free HTTP port. */
public abstract class ImagesTestSupport {
    protected static final String PORT_PROPERTY = "images.it.port";

    @Configuration
    public Option[] config() {
        String version = System.getProperty("images.version");
        String repo = System.getProperty("maven.repo.local");
        File distribution = new File("../karaf-assembly/target/images-karaf-assembly-" + version + ".tar.gz");
        File example = new File("../examples/skill-solid/target/images-example-skill-solid-" + version + ".jar");
        int port = freePort();
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(distribution.toURI().toString()).karafVersion("4.4.10")
                    .name("Karaf Images").unpackDirectory(new File("target/exam")).useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(port)),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                    String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                    String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                    "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,file:" + repo
                            + "@id=local@snapshots"),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
            systemProperty(PORT_PROPERTY).value(String.valueOf(port)),
            // @Inject waits this long for a service (default 10 s): on a loaded 2-core machine the first test of a
            // class may be created while the boot features are still being installed
            systemProperty("pax.exam.service.timeout").value("60000"),
            // the probe's wait for pax-exam's invoker (10 s by default): the whole product (store migrations
            // included) activates in the feature thread once the pax-jdbc data source appears, before the invoker
            systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("120000"),
            systemProperty("images.it.example").value(example.getAbsoluteFile().toURI().toString()),
            vmOptions("--add-reads=java.xml=java.logging",
                    "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                    "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar",
                    "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar",
                    "--add-opens", "java.base/java.security=ALL-UNNAMED",
                    "--add-opens", "java.base/java.net=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens", "java.base/java.util=ALL-UNNAMED",
                    "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                    "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                    "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                    "-Xmx768m"),
        };
    }

    /** Each test starts once the product reports itself ready, not merely once its features are installed. */
    @org.junit.Before
    public void awaitReady() {
        http().awaitReady(java.time.Duration.ofSeconds(60));
    }

    protected static Http http() {
        return new Http(Integer.getInteger(PORT_PROPERTY));
    }

    protected static Path dataDir() {
        return Path.of(System.getProperty("karaf.data"));
    }

    /** The key the first start wrote for the initial user. */
    protected static String initialApiKey() {
        try {
            return Files.readString(dataDir().resolve("images/initial-api-key"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /**
     * Runs shell commands as an operator with the admin role, as a console or SSH login of an admin does: the
     * shipped {@code etc/org.apache.karaf.command.acl.images.cfg} gives the user, key and password commands to
     * admins only, and a session without a subject has no roles.
     */
    protected static <T> T asShellAdmin(PrivilegedExceptionAction<T> action) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("karaf"));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        subject.getPrincipals().add(new RolePrincipal("manager"));
        subject.getPrincipals().add(new RolePrincipal("viewer"));
        try {
            return Subject.doAs(subject, action);
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }
}
