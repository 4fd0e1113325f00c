using NordicIoT.Benchmarks;
using NordicIoT.Benchmarks.Cloud;
using NordicIoT.Benchmarks.Device;

// dotnet run -c Release --project tests/NordicIoT.Benchmarks -- [wire|codec|device|crypto|cloud|all]
var what = args.Length > 0 ? args[0] : "all";
switch (what)
{
    case "wire":
        WireSizeReport.Print(Console.Out);
        break;
    case "codec":
        CodecSpeedReport.Run(Console.Out);
        break;
    case "device":
        DeviceFiguresReport.Run(Console.Out);
        break;
    case "crypto":
        CryptoSpeedReport.Run(Console.Out);
        break;
    case "cloud":
        CloudFiguresReport.Run(Console.Out);
        break;
    case "all":
        WireSizeReport.Print(Console.Out);
        CodecSpeedReport.Run(Console.Out);
        DeviceFiguresReport.Run(Console.Out);
        CryptoSpeedReport.Run(Console.Out);
        CloudFiguresReport.Run(Console.Out);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{what}': use wire, codec, device, crypto, cloud or all");
        return 2;
}

return 0;
