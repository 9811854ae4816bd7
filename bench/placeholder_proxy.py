#!/usr/bin/env python3
"""An HTTP(S) proxy that answers every request with a placeholder photo, so that Lighthouse and
other browser measurements run offline: pages of a gloss site hotlink news photos from their
publishers' servers, which this machine cannot reach (and a measurement should not depend on).

The site itself is served directly (Chromium does not send loopback requests through a proxy).
HTTPS requests arrive as CONNECT; the proxy answers them with TLS under a throwaway self-signed
certificate, which the browser accepts when started with --ignore-certificate-errors.

Usage: placeholder_proxy.py PORT   (prints "ready" when listening)
"""
import os
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import zlib


def placeholder_png(width=1600, height=900):
    """A solid grey PNG, large enough for any size the theme shows a photo at."""
    row = b"\x00" + b"\xbb\xbb\xbb" * width
    raw = zlib.compress(row * height, 9)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


PNG = placeholder_png()
RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nCache-Control: max-age=31536000\r\n"
    b"Content-Length: " + str(len(PNG)).encode() + b"\r\nConnection: close\r\n\r\n" + PNG
)


def read_head(stream):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = stream.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def handle(client, context):
    try:
        head = read_head(client)
        if head.startswith(b"CONNECT"):
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            client = context.wrap_socket(client, server_side=True)
            read_head(client)
        client.sendall(RESPONSE)
    except (OSError, ssl.SSLError):
        pass
    finally:
        try:
            client.close()
        except OSError:
            pass


def main():
    port = int(sys.argv[1])
    folder = tempfile.mkdtemp()
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=placeholder", "-keyout", key, "-out", cert],
        check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(64)
    print("ready", flush=True)
    while True:
        client, _ = server.accept()
        threading.Thread(target=handle, args=(client, context), daemon=True).start()


if __name__ == "__main__":
    main()
