using System;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using NordicIoT.Device.Transport;

namespace NordicIoT.Device.App.Board
{
    /// <summary>The device library's <see cref="IMqttTransport"/> over nanoFramework.M2Mqtt: MQTT 3.1.1 over TLS 1.2 with the device certificate.</summary>
    /// <remarks>
    /// A new MqttClient for every Connect: its constructor resolves the broker's address once and keeps it, and the
    /// Wi-Fi may have come back with another route since. Events of a replaced client are ignored, so a late PUBACK or
    /// close notice of an old session never reaches the runtime. M2Mqtt also raises ConnectionClosed after our own
    /// Disconnect; only a close nobody asked for is reported, once, as <see cref="ConnectionLost"/>.
    /// </remarks>
    public sealed class M2MqttTransport : IMqttTransport
    {
        private readonly object _lock = new object();
        private readonly string _host;
        private readonly int _port;
        private readonly X509Certificate _caCertificate;
        private readonly X509Certificate2 _deviceCertificate;
        private readonly WifiLink _link;
        private MqttClient _client;
        private bool _open;

        /// <summary>Talks to <paramref name="host"/>:<paramref name="port"/> over <paramref name="link"/>, trusting <paramref name="caPem"/> and presenting <paramref name="certificatePem"/> with <paramref name="keyPem"/>.</summary>
        public M2MqttTransport(string host, int port, string caPem, string certificatePem, string keyPem, WifiLink link)
        {
            _host = host;
            _port = port;
            _link = link;
            try
            {
                _caCertificate = new X509Certificate(caPem);
            }
            catch (Exception e)
            {
                throw new ArgumentException(ProvisionedFiles.CaCertificate + " is not a PEM certificate: " + e.Message);
            }

            try
            {
                // An empty password: provisioning writes the key unencrypted (I:\ is the device's own flash).
                _deviceCertificate = new X509Certificate2(certificatePem, keyPem, string.Empty);
            }
            catch (Exception e)
            {
                throw new ArgumentException(ProvisionedFiles.DeviceCertificate + " and " + ProvisionedFiles.DeviceKey + " are not a PEM certificate and its unencrypted key: " + e.Message);
            }
        }

        /// <inheritdoc/>
        public event MqttMessageHandler MessageReceived;

        /// <inheritdoc/>
        public event MqttPublishAckHandler PublishAcknowledged;

        /// <inheritdoc/>
        public event MqttConnectionLostHandler ConnectionLost;

        /// <inheritdoc/>
        public bool IsConnected
        {
            get
            {
                lock (_lock)
                {
                    return _open;
                }
            }
        }

        /// <inheritdoc/>
        public void Connect(string clientId, bool cleanSession, int keepAliveSeconds)
        {
            if (keepAliveSeconds < 0 || keepAliveSeconds > ushort.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(keepAliveSeconds), "keep-alive must be 0.." + ushort.MaxValue.ToString() + " s");
            }

            Disconnect();
            if (!_link.EnsureUp())
            {
                throw new MqttTransportException(_link.Failure);
            }

            MqttClient client;
            try
            {
                client = new MqttClient(_host, _port, true, _caCertificate, _deviceCertificate, MqttSslProtocols.TLSv1_2);
            }
            catch (Exception e)
            {
                throw new MqttTransportException("cannot resolve the broker " + _host + ": " + e.Message, e);
            }

            client.MqttMsgPublishReceived += OnMessage;
            client.MqttMsgPublished += OnPublished;
            client.ConnectionClosed += OnClosed;
            lock (_lock)
            {
                _client = client;
            }

            MqttReasonCode code;
            try
            {
                code = client.Connect(clientId, null, null, cleanSession, (ushort)keepAliveSeconds);
            }
            catch (Exception e)
            {
                Disconnect();
                throw new MqttTransportException("MQTT connect to " + _host + ":" + _port.ToString() + " failed (TLS, certificate or network): " + e.Message, e);
            }

            if (code != MqttReasonCode.Success)
            {
                Disconnect();
                throw new MqttTransportException("the broker refused the connection: CONNACK return code " + ((int)code).ToString());
            }

            lock (_lock)
            {
                // The session may already have dropped between CONNACK and here; M2Mqtt then cleared IsConnected.
                _open = _client == client && client.IsConnected;
            }

            if (!IsConnected)
            {
                Disconnect();
                throw new MqttTransportException("the connection to " + _host + " closed right after CONNACK");
            }
        }

        /// <inheritdoc/>
        public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (payload == null)
            {
                throw new ArgumentNullException(nameof(payload));
            }

            if (length < 0 || length > payload.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(length), "length " + length.ToString() + " does not fit a payload of " + payload.Length.ToString() + " bytes");
            }

            MqttQoSLevel level = ToQos(qos);
            MqttClient client = OpenClient("publish to " + topic);

            // M2Mqtt keeps the array and writes it later from its own thread, while the caller reuses its buffer as
            // soon as this returns: it gets a copy of exactly the payload (one allocation per message, not per reading).
            byte[] message = new byte[length];
            Array.Copy(payload, message, length);
            try
            {
                return client.Publish(topic, message, null, null, level, retain);
            }
            catch (Exception e)
            {
                throw new MqttTransportException("MQTT publish to " + topic + " failed: " + e.Message, e);
            }
        }

        /// <inheritdoc/>
        public void Subscribe(string topic, int qos)
        {
            MqttQoSLevel level = ToQos(qos);
            MqttClient client = OpenClient("subscribe to " + topic);
            try
            {
                client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { level });
            }
            catch (Exception e)
            {
                throw new MqttTransportException("MQTT subscribe to " + topic + " failed: " + e.Message, e);
            }
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            MqttClient client;
            lock (_lock)
            {
                client = _client;
                _client = null;
                _open = false;
            }

            if (client == null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    // Sends DISCONNECT; M2Mqtt then closes the socket and its threads itself.
                    client.Disconnect();
                }
                else
                {
                    client.Close();
                }
            }
            catch (Exception)
            {
                // The socket was already gone: closing what is left is all there is to do.
                client.Close();
            }
        }

        private MqttClient OpenClient(string what)
        {
            lock (_lock)
            {
                if (!_open)
                {
                    throw new MqttTransportException("cannot " + what + ": not connected");
                }

                return _client;
            }
        }

        private void OnMessage(object sender, MqttMsgPublishEventArgs e)
        {
            if (IsCurrent(sender))
            {
                MqttMessageHandler handler = MessageReceived;
                if (handler != null)
                {
                    handler(e.Topic, e.Message, e.Retain);
                }
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (e.IsPublished)
            {
                if (IsCurrent(sender))
                {
                    MqttPublishAckHandler handler = PublishAcknowledged;
                    if (handler != null)
                    {
                        handler(e.MessageId);
                    }
                }
            }
            else
            {
                // M2Mqtt gave up on the PUBACK after its retries. The session is not healthy: report it lost so the
                // runtime reconnects and sends the readings again instead of waiting for an ack that will not come.
                ReportLost(sender, "no PUBACK for packet " + e.MessageId.ToString() + " after M2Mqtt's retries");
            }
        }

        private void OnClosed(object sender, EventArgs e)
        {
            ReportLost(sender, "connection to " + _host + " closed");
        }

        private void ReportLost(object sender, string reason)
        {
            lock (_lock)
            {
                if (sender != _client || !_open)
                {
                    return;
                }

                _open = false;
            }

            MqttConnectionLostHandler handler = ConnectionLost;
            if (handler != null)
            {
                handler(reason);
            }
        }

        private bool IsCurrent(object sender)
        {
            lock (_lock)
            {
                return sender == _client && _open;
            }
        }

        private static MqttQoSLevel ToQos(int qos)
        {
            switch (qos)
            {
                case 0:
                    return MqttQoSLevel.AtMostOnce;
                case 1:
                    return MqttQoSLevel.AtLeastOnce;
                default:
                    throw new ArgumentOutOfRangeException(nameof(qos), "QoS must be 0 or 1 (AWS IoT Core has no QoS 2)");
            }
        }
    }
}
