/** A readable default name for this device, e.g. "RealWear HMT-1Z1" or "Browser on Linux x86_64". */
export function defaultDeviceName(userAgent: string, platform: string | undefined): string {
  const realWear = /\b(HMT-1Z1|HMT-1|Navigator[ -]?\d+\w*)\b/i.exec(userAgent);
  if (realWear) return `RealWear ${realWear[1]}`;
  if (/RealWear/i.test(userAgent)) return 'RealWear';
  const vuzix = /\bVuzix[ _-]?(\w+)?/i.exec(userAgent);
  if (vuzix) return vuzix[1] ? `Vuzix ${vuzix[1]}` : 'Vuzix';
  const android = /Android [\d.]+; ([^;)]+?)(?: Build\/[^;)]*)?[;)]/.exec(userAgent);
  if (android?.[1] && android[1] !== 'K') return android[1].trim();
  return `Browser on ${platform?.trim() || 'unknown platform'}`;
}

interface NavigatorWithUAData {
  userAgentData?: { platform?: string };
}

export function thisDeviceName(): string {
  const nav = navigator as Navigator & NavigatorWithUAData;
  return defaultDeviceName(nav.userAgent, nav.userAgentData?.platform || nav.platform);
}
