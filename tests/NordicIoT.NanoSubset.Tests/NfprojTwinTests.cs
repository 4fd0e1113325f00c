using System.Xml.Linq;

namespace NordicIoT.NanoSubset.Tests
{
    /// <summary>
    /// Every .nfproj compiles exactly the .cs files its net10.0 twin (the .csproj in the same folder) compiles, so
    /// what the tests and the analyzer see is what goes onto the board. A board-only .nfproj (no .csproj beside it,
    /// e.g. the device application that calls nanoFramework-only APIs) has no twin to drift from.
    /// </summary>
    public class NfprojTwinTests
    {
        private static readonly string[] NotSource = { "bin", "obj", "artifacts", "node_modules", "packages", ".git", ".vs" };

        public static TheoryData<string> Nfprojs()
        {
            var data = new TheoryData<string>();
            var root = RepositoryRoot();
            foreach (var path in SourceFiles(root, "*.nfproj"))
            {
                if (Directory.GetFiles(Path.GetDirectoryName(path)!, "*.csproj").Length > 0)
                {
                    data.Add(Path.GetRelativePath(root, path));
                }
            }

            return data;
        }

        [Fact]
        public void The_repository_has_nfproj_csproj_twins_to_check()
        {
            Assert.NotEmpty(Nfprojs());
        }

        [Theory]
        [MemberData(nameof(Nfprojs))]
        public void Nfproj_compiles_exactly_what_its_csproj_twin_compiles(string nfproj)
        {
            var root = RepositoryRoot();
            var folder = Path.GetDirectoryName(Path.Combine(root, nfproj))!;
            var twins = Directory.GetFiles(folder, "*.csproj");
            Assert.True(twins.Length == 1, $"{nfproj} has {twins.Length} .csproj files beside it; which one is its twin?");
            var twin = twins[0];

            var nano = NfprojCompileItems(Path.Combine(root, nfproj));
            var dotnet = CsprojCompileItems(twin);

            var missing = dotnet.Except(nano).ToList();
            var extra = nano.Except(dotnet).ToList();
            Assert.True(
                missing.Count == 0 && extra.Count == 0,
                $"{nfproj} drifted from {Path.GetFileName(twin)}.\n"
                + $"Add to the .nfproj: {string.Join(", ", missing)}\n"
                + $"Remove from the .nfproj (not compiled by the .csproj): {string.Join(", ", extra)}");
        }

        [Fact]
        public void Nfproj_compile_items_are_compared_by_relative_path_with_backslashes_accepted()
        {
            var folder = Directory.CreateTempSubdirectory("nfproj-twin-");
            try
            {
                File.WriteAllText(Path.Combine(folder.FullName, "X.nfproj"), """
                    <Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
                      <ItemGroup>
                        <Compile Include="Cbor\Reader.cs" />
                        <Compile Include="AssemblyInfo.cs" />
                      </ItemGroup>
                    </Project>
                    """);

                Assert.Equal(new[] { "AssemblyInfo.cs", "Cbor/Reader.cs" }, NfprojCompileItems(Path.Combine(folder.FullName, "X.nfproj")).Order());
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        private static HashSet<string> NfprojCompileItems(string nfproj)
        {
            var document = XDocument.Load(nfproj);
            return document.Descendants(document.Root!.Name.Namespace + "Compile")
                .Select(item => item.Attribute("Include")!.Value.Replace('\\', '/'))
                .ToHashSet(StringComparer.Ordinal);
        }

        // The SDK compiles every .cs under the project folder; a csproj that changes that needs a smarter check here.
        private static HashSet<string> CsprojCompileItems(string csproj)
        {
            var document = XDocument.Load(csproj);
            var customised = document.Descendants("Compile").Any() || document.Descendants("EnableDefaultCompileItems").Any();
            Assert.False(customised, $"{csproj} changes its Compile items; teach {nameof(NfprojTwinTests)} to evaluate them.");

            var folder = Path.GetDirectoryName(csproj)!;
            return SourceFiles(folder, "*.cs")
                .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
                .ToHashSet(StringComparer.Ordinal);
        }

        private static IEnumerable<string> SourceFiles(string folder, string pattern)
        {
            foreach (var file in Directory.GetFiles(folder, pattern))
            {
                yield return file;
            }

            foreach (var child in Directory.GetDirectories(folder))
            {
                if (!NotSource.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
                {
                    foreach (var file in SourceFiles(child, pattern))
                    {
                        yield return file;
                    }
                }
            }
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NordicIoT.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No NordicIoT.sln above {AppContext.BaseDirectory}");
        }
    }
}
