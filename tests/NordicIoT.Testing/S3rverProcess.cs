using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace NordicIoT.Testing;

/// <summary>An s3rver (S3 API in node) on a free 127.0.0.1 port with its own temp folder, answering once constructed (use it as a class fixture); killed by PID on Dispose.</summary>
public sealed class S3rverProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly TempFolder _folder = new("s3rver");
    private NodeTool? _tool;

    /// <summary>The endpoint, e.g. http://127.0.0.1:41234.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>A client for this s3rver (its fixed credentials, path-style addressing).</summary>
    public AmazonS3Client Client { get; private set; } = null!;

    /// <summary>The only credentials s3rver accepts.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("S3RVER", "S3RVER");

    /// <summary>A client configuration for this s3rver, for code that builds its own client.</summary>
    public AmazonS3Config ClientConfig() => new() { ServiceURL = ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };

    /// <summary>Creates a bucket with a new name and returns the name.</summary>
    public async Task<string> NewBucketAsync()
    {
        string name = $"b{Guid.NewGuid():N}"[..24];
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    /// <summary>Starts s3rver and waits until it answers.</summary>
    public S3rverProcess()
    {
        StartAsync().GetAwaiter().GetResult();
    }

    private async Task StartAsync()
    {
        // The legacy provider lets s3rver's ListObjectsV2 paging work on Node 20.
        _tool = NodeTool.Start(Path.Combine("s3rver", "bin", "s3rver.js"), ["--openssl-legacy-provider"],
            port => ["-d", _folder.Path, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"]);
        ServiceUrl = $"http://127.0.0.1:{_tool.Port}";
        Client = new AmazonS3Client(Credentials, ClientConfig());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await Client.ListBucketsAsync();
                return;
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or TaskCanceledException)
            {
                if (!_tool.IsRunning || clock.Elapsed > StartTimeout)
                {
                    throw new InvalidOperationException($"s3rver did not answer on {ServiceUrl} (running: {_tool.IsRunning}): {_tool.Output()}", e);
                }

                await Task.Delay(50);
            }
        }
    }

    public void Dispose()
    {
        Client?.Dispose();
        _tool?.Dispose();
        _folder.Dispose();
    }
}
