package io.karafimages.events.internal;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.Servlet;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.eclipse.jetty.websocket.servlet.ServletUpgradeRequest;
import org.eclipse.jetty.websocket.servlet.ServletUpgradeResponse;
import org.eclipse.jetty.websocket.servlet.WebSocketCreator;
import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.LiveEvents;
import io.karafimages.api.SessionService;
import io.karafimages.api.WebSession;

/**
 * The web app's socket, {@code GET /v1/ws}: a Jetty 9 {@link WebSocketServlet} on the HTTP whiteboard. It is a
 * servlet and not a JSR-356 whiteboard endpoint because Pax Web 8 replaces an endpoint's
 * {@code ServerEndpointConfig.Configurator} with its own (it only hands out the service instance), so neither
 * {@code checkOrigin} nor {@code modifyHandshake} can refuse a handshake there; the {@link WebSocketCreator}
 * sees the upgrade request and answers 403 or 401 before any socket exists.
 *
 * <p>Handshake: the {@code Origin} must be a configured public origin (403), the {@code images_session} cookie a
 * live session (401). Then the socket gets every finished update the user has not acknowledged, then live
 * {@code embed_update}s, through its bounded {@link ClientQueue}; {@code {"type":"ack","embed_id"}} marks an
 * embed's finished update delivered; a ping goes out every heartbeat.
 */
@Component(service = Servlet.class, configurationPid = "images.events", property = {
    "osgi.http.whiteboard.servlet.pattern=/v1/ws", "osgi.http.whiteboard.servlet.name=images-events-ws" })
public final class EventsSocketServlet extends WebSocketServlet implements WebSocketCreator {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventsSocketServlet.class);
    static final String COOKIE = "images_session";

    private final transient EventHub hub;
    private final transient SessionService sessions;
    private final transient OriginCheck origins;
    private final int capacity;
    private final int heartbeatSeconds;
    private final transient Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final transient ScheduledExecutorService heartbeat;

    @Activate
    public EventsSocketServlet(@Reference EventHub hub, @Reference SessionService sessions, EventsConfig config) {
        this.hub = hub;
        this.sessions = sessions;
        this.origins = new OriginCheck(config.public_origins());
        this.capacity = Math.max(1, config.queue_capacity());
        this.heartbeatSeconds = Math.max(1, config.heartbeat_seconds());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "images-events-ws-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::ping, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        heartbeat.shutdownNow();
        for (Socket s : open) {
            s.shut(StatusCode.SHUTDOWN, "server stopping");
        }
    }

    @Override
    public void configure(WebSocketServletFactory factory) {
        factory.getPolicy().setIdleTimeout(heartbeatSeconds * 4_000L);
        factory.getPolicy().setMaxTextMessageSize(4096);
        factory.setCreator(this);
    }

    @Override
    public Object createWebSocket(ServletUpgradeRequest req, ServletUpgradeResponse resp) {
        try {
            InetSocketAddress local = req.getLocalSocketAddress();
            int port = local != null ? local.getPort() : req.getHttpServletRequest().getLocalPort();
            if (!origins.allowed(req.getHeader("Origin"), port)) {
                resp.sendForbidden("This origin may not open the events socket.");
                return null;
            }
            Optional<WebSession> session = sessionId(req).flatMap(sessions::find);
            if (session.isEmpty()) {
                resp.sendError(401, "Log in first: the events socket needs the session cookie.");
                return null;
            }
            return new Socket(session.get().user().id());
        } catch (IOException e) {
            LOG.debug("Refusing a socket handshake failed", e);
            return null;
        }
    }

    private static Optional<String> sessionId(ServletUpgradeRequest req) {
        if (req.getCookies() == null) {
            return Optional.empty();
        }
        return req.getCookies().stream().filter(c -> COOKIE.equals(c.getName())).map(HttpCookie::getValue)
                .filter(v -> v != null && !v.isBlank()).findFirst();
    }

    private void ping() {
        for (Socket s : open) {
            s.ping();
        }
    }

    int openSockets() {
        return open.size();
    }

    /** One connection. */
    final class Socket implements WebSocketListener {
        private final String userId;
        private volatile Session session;
        private volatile ClientQueue queue;
        private volatile LiveEvents.Subscription subscription;

        Socket(String userId) {
            this.userId = userId;
        }

        @Override
        public void onWebSocketConnect(Session s) {
            this.session = s;
            this.queue = new ClientQueue(new ClientQueue.Transport() {
                @Override
                public void send(String message, java.util.function.Consumer<Throwable> done) {
                    try {
                        s.getRemote().sendString(message, new WriteCallback() {
                            @Override
                            public void writeFailed(Throwable x) {
                                done.accept(x);
                            }

                            @Override
                            public void writeSuccess() {
                                done.accept(null);
                            }
                        });
                    } catch (RuntimeException e) {
                        done.accept(e);
                    }
                }

                @Override
                public void close(String reason) {
                    shut(StatusCode.POLICY_VIOLATION, reason);
                }
            }, capacity);
            open.add(this);
            subscription = hub.subscribeUnacknowledged(userId, (id, json) -> queue.offer(json));
        }

        @Override
        public void onWebSocketText(String message) {
            String embedId = UpdateJson.ackedEmbed(message);
            if (embedId != null) {
                try {
                    hub.acknowledge(userId, embedId);
                } catch (RuntimeException e) {
                    LOG.debug("Could not store an ack: {}", e.getMessage());
                }
            }
        }

        @Override
        public void onWebSocketBinary(byte[] payload, int offset, int len) {
            // the protocol is JSON text only
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            gone();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            LOG.debug("Events socket error: {}", cause.toString());
            gone();
        }

        private void gone() {
            open.remove(this);
            LiveEvents.Subscription sub = subscription;
            if (sub != null) {
                sub.close();
            }
            ClientQueue q = queue;
            if (q != null) {
                q.close();
            }
        }

        void ping() {
            Session s = session;
            if (s != null && s.isOpen()) {
                try {
                    s.getRemote().sendPing(ByteBuffer.allocate(0));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Ping failed: {}", e.toString());
                }
            }
        }

        void shut(int code, String reason) {
            Session s = session;
            if (s != null) {
                try {
                    s.close(code, reason);
                } catch (RuntimeException e) {
                    LOG.debug("Close failed: {}", e.toString());
                }
            }
            gone();
        }
    }
}
