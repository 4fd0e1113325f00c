using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NordicIoT.Cli.Errors;

namespace NordicIoT.Cli.Firmware;

/// <summary>Puts a nanoFramework build's assemblies (.pe) in the order the OTA loader must load them: every assembly after the ones it references.</summary>
/// <remarks>
/// The loader loads a set's files one by one with Assembly.Load, and each load resolves its references against what is
/// loaded already. A .pe file does not say what it references in a form worth parsing here, but the build writes each
/// one beside its .NET metadata twin (X.dll, or X.exe for the application), whose assembly references are read. Files
/// without a twin, and references to assemblies outside the list (those of the loader's image), add no constraint;
/// otherwise the order given is kept.
/// </remarks>
public static class LoadOrder
{
    /// <summary>The extension of a nanoFramework assembly image.</summary>
    public const string AssemblyExtension = ".pe";

    /// <summary>The .pe files directly in <paramref name="folder"/>, by name.</summary>
    public static List<string> AssembliesIn(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*" + AssemblyExtension).Where(IsAssembly).Order(StringComparer.Ordinal)];

    /// <summary>The names of the .pe files beside the loader's deployment image: the assemblies the image holds, which an application set must leave out (the runtime has them loaded before the set).</summary>
    /// <exception cref="InvalidInputException">There are none: the image was moved away from its build output (<paramref name="option"/> names the option for the message).</exception>
    public static HashSet<string> BesideImage(string image, string option)
    {
        var names = AssembliesIn(Path.GetDirectoryName(Path.GetFullPath(image))!).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.Count > 0
            ? names
            : throw new InvalidInputException(
                $"{option} {image} has no .pe files beside it, so which assemblies its image holds (and the set must leave out) is unknown: " +
                "pass the loader's .bin where its build left it, in device/NordicIoT.Device.Loader/bin/Release.");
    }

    /// <summary>True for a file name ending in .pe.</summary>
    public static bool IsAssembly(string path) => path.EndsWith(AssemblyExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The files of <paramref name="files"/> with every assembly after those of the list it references; throws <see cref="InvalidInputException"/> for a reference cycle.</summary>
    public static List<string> Sort(IReadOnlyList<string> files)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < files.Count; i++)
        {
            index.TryAdd(Path.GetFileNameWithoutExtension(files[i]), i);
        }

        var dependencies = files.Select(f => References(f).Where(index.ContainsKey).Select(n => index[n]).ToHashSet()).ToList();
        var placed = new bool[files.Count];
        var order = new List<string>(files.Count);
        while (order.Count < files.Count)
        {
            // The first file in the given order whose references are all placed: stable, so unrelated files keep their order.
            int next = Enumerable.Range(0, files.Count).FirstOrDefault(i => !placed[i] && dependencies[i].All(d => placed[d] || d == i), -1);
            if (next < 0)
            {
                var left = Enumerable.Range(0, files.Count).Where(i => !placed[i]).Select(i => Path.GetFileName(files[i]));
                throw new InvalidInputException($"The assemblies {string.Join(", ", left)} reference each other in a cycle; no load order exists.");
            }

            placed[next] = true;
            order.Add(files[next]);
        }

        return order;
    }

    // The assembly names the .pe file's metadata twin references; none when it has no twin.
    private static IEnumerable<string> References(string peFile)
    {
        string stem = Path.Combine(Path.GetDirectoryName(peFile) ?? ".", Path.GetFileNameWithoutExtension(peFile));
        string? twin = new[] { stem + ".dll", stem + ".exe" }.FirstOrDefault(File.Exists);
        if (twin is null)
        {
            return [];
        }

        try
        {
            using var stream = File.OpenRead(twin);
            using var reader = new PEReader(stream);
            var metadata = reader.GetMetadataReader();
            return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            throw new InvalidInputException($"{twin} (beside {Path.GetFileName(peFile)}) is not a .NET assembly, so the load order cannot be worked out: {e.Message}", e);
        }
    }
}
