using System;

namespace NordicIoT.Device.Platform
{
    /// <summary>The platform's pseudo-random generator as an <see cref="IRandomSource"/>.</summary>
    public sealed class RandomSource : IRandomSource
    {
        private readonly Random _random;

        /// <summary>Creates a source seeded by the platform.</summary>
        public RandomSource()
        {
            _random = new Random();
        }

        /// <summary>Creates a source with a fixed seed, for repeatable runs.</summary>
        public RandomSource(int seed)
        {
            _random = new Random(seed);
        }

        /// <inheritdoc/>
        public int Next(int maxExclusive)
        {
            return _random.Next(maxExclusive);
        }
    }
}
