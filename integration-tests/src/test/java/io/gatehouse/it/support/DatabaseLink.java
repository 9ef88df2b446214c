package io.gatehouse.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between Keycloak and its database, as a TCP relay on loopback that a test can cut:
 * {@link #cut()} drops every open connection and refuses new ones, as a database that went away
 * does; {@link #restore()} listens again. The shared PostgreSQL of the machine keeps running, so
 * nothing else that uses it notices.
 */
public final class DatabaseLink implements AutoCloseable {

    private final int port;
    private final InetSocketAddress database;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private DatabaseLink(int port, InetSocketAddress database) {
        this.port = port;
        this.database = database;
    }

    /** Relays 127.0.0.1:{@code port} to the database at {@code host:databasePort}. */
    public static DatabaseLink open(int port, String host, int databasePort) throws IOException {
        DatabaseLink link = new DatabaseLink(port, new InetSocketAddress(host, databasePort));
        link.restore();
        return link;
    }

    public int port() {
        return port;
    }

    /** Listens again; new connections reach the database. */
    public synchronized void restore() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "database-link-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Drops every open connection and stops listening: connecting is refused until {@link #restore()}. */
    public synchronized void cut() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket();
                server.connect(database, 5000);
                open.add(client);
                open.add(server);
                relay(client, server);
                relay(server, client);
            } catch (IOException e) {
                // the listener was closed by cut(), or the database refused: the client sees its connection fail
            }
        }
    }

    private void relay(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "database-link-relay");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
