package io.portcullis.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * A throwaway OpenLDAP server (Debian's slapd, installed when missing and the test runs as root) in a temp
 * folder on a free port, with the suffix {@code dc=example,dc=org}, its administrator {@link #ADMIN_DN} /
 * {@link #ADMIN_PASSWORD}, and {@code ou=people} / {@code ou=groups} to seed. {@link #close()} stops it and
 * removes the folder.
 */
public final class TestSlapd implements AutoCloseable {

  public static final String SUFFIX = "dc=example,dc=org";
  public static final String ADMIN_DN = "cn=admin," + SUFFIX;
  public static final String ADMIN_PASSWORD = "slapd-admin-pw";
  public static final String PEOPLE = "ou=people," + SUFFIX;
  public static final String GROUPS = "ou=groups," + SUFFIX;
  private static final Path SLAPD = Path.of("/usr/sbin/slapd");

  private final Path dir;
  private final int port;
  private final Process process;

  private TestSlapd(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Whether slapd is there, installing it with apt-get when the test runs as root. */
  public static boolean available() throws IOException, InterruptedException {
    if (!Files.isExecutable(SLAPD) && "root".equals(System.getProperty("user.name"))) {
      Process p = new ProcessBuilder("apt-get", "install", "-y", "-q", "slapd", "ldap-utils")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor(5, TimeUnit.MINUTES);
    }
    return Files.isExecutable(SLAPD);
  }

  /** Configures and starts a server, waits until it answers and adds the suffix and its two folders. */
  public static TestSlapd start() throws Exception {
    Path dir = Files.createTempDirectory("portcullis-slapd");
    Path config = dir.resolve("slapd.d");
    Path data = dir.resolve("data");
    Files.createDirectories(config);
    Files.createDirectories(data);
    Files.writeString(dir.resolve("config.ldif"), String.join("\n",
        "dn: cn=config", "objectClass: olcGlobal", "cn: config", "olcPidFile: " + dir.resolve("slapd.pid"), "",
        "dn: cn=module{0},cn=config", "objectClass: olcModuleList", "cn: module{0}", "olcModulePath: /usr/lib/ldap",
        "olcModuleLoad: back_mdb", "",
        "dn: cn=schema,cn=config", "objectClass: olcSchemaConfig", "cn: schema", "",
        "include: file:///etc/ldap/schema/core.ldif", "",
        "include: file:///etc/ldap/schema/cosine.ldif", "",
        "include: file:///etc/ldap/schema/inetorgperson.ldif", "",
        "include: file:///etc/ldap/schema/nis.ldif", "",
        "dn: olcDatabase={-1}frontend,cn=config", "objectClass: olcDatabaseConfig", "objectClass: olcFrontendConfig",
        "olcDatabase: {-1}frontend", "olcSizeLimit: 500", "",
        "dn: olcDatabase={0}config,cn=config", "objectClass: olcDatabaseConfig", "olcDatabase: {0}config",
        "olcAccess: {0}to * by * none", "",
        "dn: olcDatabase={1}mdb,cn=config", "objectClass: olcDatabaseConfig", "objectClass: olcMdbConfig",
        "olcDatabase: {1}mdb", "olcDbDirectory: " + data, "olcSuffix: " + SUFFIX, "olcRootDN: " + ADMIN_DN,
        "olcRootPW: " + ADMIN_PASSWORD, "olcDbIndex: objectClass eq", "olcDbIndex: uid,cn,mail eq",
        "olcAccess: {0}to * by anonymous auth by * read", "") + "\n");
    run(List.of("/usr/sbin/slapadd", "-n0", "-F", config.toString(), "-l", dir.resolve("config.ldif").toString()));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = new ProcessBuilder(SLAPD.toString(), "-d", "0", "-h", "ldap://127.0.0.1:" + port + "/",
        "-F", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("slapd.log").toFile()).start();
    TestSlapd server = new TestSlapd(dir, port, process);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        server.admin().close();
        break;
      } catch (NamingException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          server.close();
          throw new IllegalStateException("slapd did not start: " + Files.readString(dir.resolve("slapd.log")), notYet);
        }
        Thread.sleep(50);
      }
    }
    DirContext admin = server.admin();
    try {
      admin.createSubcontext(SUFFIX, attributes("objectClass", "dcObject", "objectClass", "organization", "dc", "example", "o", "Example"));
      admin.createSubcontext(PEOPLE, attributes("objectClass", "organizationalUnit", "ou", "people"));
      admin.createSubcontext(GROUPS, attributes("objectClass", "organizationalUnit", "ou", "groups"));
    } finally {
      admin.close();
    }
    return server;
  }

  /** Adds an inetOrgPerson {@code uid=<uid>,ou=people,...} with a password. */
  public void addPerson(String uid, String password) throws NamingException {
    DirContext admin = admin();
    try {
      BasicAttributes attrs = attributes("cn", uid, "sn", uid, "uid", uid, "mail", uid + "@example.org", "userPassword", password);
      BasicAttribute classes = new BasicAttribute("objectClass");
      for (String c : List.of("top", "person", "organizationalPerson", "inetOrgPerson")) {
        classes.add(c);
      }
      attrs.put(classes);
      admin.createSubcontext("uid=" + uid + "," + PEOPLE, attrs);
    } finally {
      admin.close();
    }
  }

  /** Adds an entry under ou=people that is not a person (a role), which a user filter must leave out. */
  public void addRole(String cn) throws NamingException {
    DirContext admin = admin();
    try {
      admin.createSubcontext("cn=" + cn + "," + PEOPLE, attributes("objectClass", "organizationalRole", "cn", cn));
    } finally {
      admin.close();
    }
  }

  public String url() {
    return "ldap://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  private DirContext admin() throws NamingException {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, url());
    env.put(Context.SECURITY_AUTHENTICATION, "simple");
    env.put(Context.SECURITY_PRINCIPAL, ADMIN_DN);
    env.put(Context.SECURITY_CREDENTIALS, ADMIN_PASSWORD);
    env.put("com.sun.jndi.ldap.connect.timeout", "2000");
    return new InitialDirContext(env);
  }

  private static BasicAttributes attributes(String... pairs) {
    BasicAttributes attrs = new BasicAttributes(true);
    for (int i = 0; i < pairs.length; i += 2) {
      BasicAttribute existing = (BasicAttribute) attrs.get(pairs[i]);
      if (existing == null) {
        attrs.put(pairs[i], pairs[i + 1]);
      } else {
        existing.add(pairs[i + 1]);
      }
    }
    return attrs;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(command + " failed: " + output);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
