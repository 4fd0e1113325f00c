using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("NordicIoT.Schemas.Tests")]
