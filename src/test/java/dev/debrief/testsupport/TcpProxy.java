package dev.debrief.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP proxy that can be cut: the service talks to its database through it, and a test takes the
 * database away (every connection dropped, new ones refused) and gives it back, as an outage or a restart of
 * the server would, without touching the server itself.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile int port;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
    }

    public synchronized TcpProxy start() {
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = listener.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy cannot listen", e);
        }
        ServerSocket accepting = listener;
        threads.execute(() -> accept(accepting));
        return this;
    }

    public int port() {
        return port;
    }

    /** The outage: the listener closes (new connections are refused) and every open connection is dropped. */
    public synchronized void cut() {
        closeQuietly(listener);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** The database is back, on the same port (nothing to do when it was never cut). */
    public synchronized void restore() {
        if (listener == null || listener.isClosed()) {
            start();
        }
    }

    @Override
    public void close() {
        cut();
        threads.shutdownNow();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            try {
                Socket client = accepting.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                threads.execute(() -> pipe(client, server));
                threads.execute(() -> pipe(server, client));
            } catch (IOException closedOrRefused) {
                // cut, or the database itself is away: the client sees its connection end
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException dropped) {
            // one side went away: the other goes too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // already closed
        }
    }
}
