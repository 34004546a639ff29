package io.appseg.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on 127.0.0.1 in front of the API server that can cut every open connection at once,
 * as a lost network does in the middle of a plan. New connections are accepted again right after,
 * so clients reconnect. TLS passes through untouched.
 */
final class DroppingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  DroppingProxy(String targetHost, int targetPort) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    target = new InetSocketAddress(targetHost, targetPort);
    threads.submit(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Closes every connection now open; later connections work as before. */
  void dropAll() {
    for (Socket s : open) {
      close(s);
    }
    open.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getHostString(), target.getPort());
        open.add(client);
        open.add(upstream);
        threads.submit(() -> pipe(client, upstream));
        threads.submit(() -> pipe(upstream, client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // dropped: the other direction notices on its own
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropAll();
    threads.shutdownNow();
  }
}
