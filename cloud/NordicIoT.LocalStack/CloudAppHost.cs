using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NordicIoT.LocalStack;

/// <summary>Runs the cloud app's own entry point (cloud/NordicIoT.Cloud/Program.cs) on a thread of this process and holds the host it builds.</summary>
/// <remarks>
/// Running the real entry point, with settings as command-line arguments, means `nordiciot up` serves exactly what
/// `dotnet run --project cloud/NordicIoT.Cloud` serves, with nothing to keep in step when the app gains endpoints.
/// The host is caught while it is built through the "Microsoft.Extensions.Hosting" diagnostic events (the hook
/// WebApplicationFactory uses); an AsyncLocal ties those events to the thread that runs this entry point, so several
/// apps can start in one process (tests do).
/// </remarks>
internal sealed class CloudAppHost
{
    private const string HostingListener = "Microsoft.Extensions.Hosting";

    private static readonly AsyncLocal<CloudAppHost?> Building = new();

    // Process-wide and never disposed: every host built from now on is announced to it.
    private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());

    private readonly Action<IServiceCollection> _configureServices;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IHost? _host;

    private CloudAppHost(Action<IServiceCollection> configureServices)
    {
        _configureServices = configureServices;
    }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The cloud app has not been built.");

    /// <summary>True from start until the app stopped or failed.</summary>
    public bool IsRunning => _started.Task.IsCompletedSuccessfully && !_exited.Task.IsCompleted;

    /// <summary>Why the app ended by itself, or null while it runs or when it was stopped.</summary>
    public Exception? Failure => _exited.Task.Exception?.InnerException;

    /// <summary>Starts the entry point with <paramref name="arguments"/> and returns once the app has started (Kestrel listening, hosted services running).</summary>
    /// <param name="arguments">Command-line arguments for the app (settings as --Section:Key=value).</param>
    /// <param name="configureServices">Changes to the app's services, applied after Program.cs added its own (so they win).</param>
    /// <param name="timeout">How long starting may take.</param>
    /// <param name="cancellationToken">Stops waiting; the app is stopped again.</param>
    /// <exception cref="LocalStackException">The app failed to start or did not start in time; the message carries its error.</exception>
    public static async Task<CloudAppHost> StartAsync(
        IReadOnlyList<string> arguments, Action<IServiceCollection> configureServices, TimeSpan timeout, CancellationToken cancellationToken)
    {
        GC.KeepAlive(Subscription);
        var entryPoint = typeof(NordicIoT.Cloud.Api.HealthApi).Assembly.EntryPoint
            ?? throw new InvalidOperationException("The cloud app assembly has no entry point.");
        var app = new CloudAppHost(configureServices);
        var thread = new Thread(() => app.Run(entryPoint, [.. arguments])) { IsBackground = true, Name = "cloud app" };
        thread.Start();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await Task.WhenAny(app._started.Task, app._exited.Task).WaitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await app.StopAsync(timeout).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new LocalStackException($"The cloud app did not start within {timeout.TotalSeconds:0} s.");
        }

        if (app._exited.Task.IsCompleted)
        {
            var failure = app.Failure;
            throw failure is null
                ? new LocalStackException("The cloud app stopped while starting.")
                : new LocalStackException($"The cloud app did not start: {failure.GetType().Name}: {failure.Message}", failure);
        }

        return app;
    }

    /// <summary>Asks the app to stop and waits up to <paramref name="timeout"/> for its entry point to return (it disposes the host and storage).</summary>
    /// <returns>False when the entry point was still running after the timeout.</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_host is { } host)
        {
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }

        try
        {
            await _exited.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            // It ended by failing while stopping: ended all the same. Failure keeps the reason.
        }

        return true;
    }

    private void Run(MethodInfo entryPoint, string[] arguments)
    {
        Building.Value = this;
        try
        {
            var parameters = entryPoint.GetParameters().Length == 0 ? null : new object[] { arguments };
            if (entryPoint.Invoke(null, parameters) is Task task)
            {
                task.GetAwaiter().GetResult();
            }

            _exited.TrySetResult();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            _exited.TrySetException(e.InnerException);
        }
        catch (Exception e)
        {
            _exited.TrySetException(e);
        }
    }

    private void OnHostBuilding(IHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            // The command that runs the stack owns Ctrl+C and SIGTERM and stops the parts in order.
            services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
            _configureServices(services);
        });

    private void OnHostBuilt(IHost host)
    {
        _host = host;
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => _started.TrySetResult());
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == HostingListener)
            {
                listener.Subscribe(new HostingEventObserver());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class HostingEventObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> hostingEvent)
        {
            // Only the thread running one of our entry points has Building set; other hosts in the process pass by.
            if (Building.Value is not { } app)
            {
                return;
            }

            switch (hostingEvent)
            {
                case { Key: "HostBuilding", Value: IHostBuilder builder }:
                    app.OnHostBuilding(builder);
                    break;
                case { Key: "HostBuilt", Value: IHost host }:
                    app.OnHostBuilt(host);
                    break;
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    /// <summary>A host lifetime that leaves signals alone: the stack is stopped by whoever started it.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
