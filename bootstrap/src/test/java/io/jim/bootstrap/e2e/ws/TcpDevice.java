package io.jim.bootstrap.e2e.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.jim.proto.FrameType;
import io.jim.proto.MessageItem;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A plain TCP client of PROTOCOL.md (blocking socket), to mix transports in one test. */
final class TcpDevice implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private TcpDevice(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static TcpDevice online(int tcpPort, WsApi.Login who) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", tcpPort), 5000);
            socket.setSoTimeout((int) WsDevice.WAIT.toMillis());
            TcpDevice device = new TcpDevice(socket);
            device.send(FrameType.SIGN_IN, SignIn.newBuilder().setUserId(who.userId()).setDeviceId(who.deviceId()).setToken(who.token()).build());
            assertThat(device.next(FrameType.SIGN_IN_ACK).as(SignInACK.class).getCode()).isZero();
            return device;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(int type, Message body) {
        try {
            out.write(WsDevice.tlv(type, body));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WsDevice.Frame next(int type) {
        try {
            int code = in.readUnsignedShort();
            byte[] body = new byte[in.readUnsignedShort()];
            in.readFully(body);
            assertThat(code).isEqualTo(type);
            return new WsDevice.Frame(code, WsDevice.prototype(code).getParserForType().parseFrom(body), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MessageItem push() {
        io.jim.proto.Message push = next(FrameType.MESSAGE).as(io.jim.proto.Message.class);
        assertThat(push.getType()).isEqualTo(2);
        return push.getMessages(0);
    }

    /** Reads until the server closes; true if it did within the timeout. */
    boolean closedByServer() {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
