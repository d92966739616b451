// The demo's organisations and people: two fictional Integrated Care Systems, ten trusts of the
// study's types, a Chief Executive and a board for each trust, an ICS lead per ICS, a national
// analyst and an administrator. Every name and code here is invented.

export const DEMO_EMAIL_DOMAIN = "fulcrum.demo";
export const DEMO_PASSWORD = "fulcrum-demo-2026";

export type DemoTrust = {
  ods: string;
  name: string;
  trustType: "acute" | "mental_health" | "community" | "specialist";
  foundationTrust: boolean;
  turnoverM: number;
  ce: string;
  chair: string;
  neds: [string, string];
  exec: string;
  /** The Company Secretary (issue 13). */
  sec: string;
};

export type DemoIcs = { ods: string; name: string; lead: string; trusts: DemoTrust[] };

export const DEMO_NATIONAL = { ods: "X26", name: "NHS England (demo)" };

export const DEMO_ICSS: DemoIcs[] = [
  {
    ods: "QNV",
    name: "Northvale Integrated Care System",
    lead: "Ruth Okafor",
    trusts: [
      { ods: "RNA", name: "Northvale Teaching Hospitals NHS Foundation Trust", trustType: "acute", foundationTrust: true, turnoverM: 890, ce: "Helen Marsh", chair: "Sir David Pryce", neds: ["Amina Yusuf", "Graham Tully"], exec: "Owen Richards", sec: "Janet Holroyd" },
      { ods: "RNB", name: "Northvale Mental Health NHS Trust", trustType: "mental_health", foundationTrust: false, turnoverM: 320, ce: "Samuel Adeyemi", chair: "Margaret Lowe", neds: ["Peter Haines", "Sunita Rao"], exec: "Claire Dobson", sec: "Victor Ames" },
      { ods: "RNC", name: "Northvale Community Health NHS Trust", trustType: "community", foundationTrust: false, turnoverM: 210, ce: "Fiona Gallagher", chair: "Trevor Banks", neds: ["Lucy Chen", "Martin Shaw"], exec: "Rebecca Hall", sec: "Sarah Quinn" },
      { ods: "RND", name: "Eastfield General Hospital NHS Trust", trustType: "acute", foundationTrust: false, turnoverM: 450, ce: "James Whitfield", chair: "Patricia Moore", neds: ["Kwame Mensah", "Eleanor Price"], exec: "Daniel Cooke", sec: "Moira Fenton" },
      { ods: "RNE", name: "Northvale Cardiothoracic Centre NHS Foundation Trust", trustType: "specialist", foundationTrust: true, turnoverM: 280, ce: "Priya Nair", chair: "Richard Ellison", neds: ["Joanne Kirk", "Hassan Ali"], exec: "Stephen Ward", sec: "Colin Hartley" },
    ],
  },
  {
    ods: "QSM",
    name: "Southmoor Integrated Care System",
    lead: "Thomas Bright",
    trusts: [
      { ods: "RSA", name: "Southmoor University Hospitals NHS Foundation Trust", trustType: "acute", foundationTrust: true, turnoverM: 1020, ce: "Catherine Doyle", chair: "Lord Alan Fairbairn", neds: ["Nadia Hussain", "Colin Reid"], exec: "Grace Turner", sec: "Beatrice Nolan" },
      { ods: "RSB", name: "Southmoor Partnership NHS Foundation Trust", trustType: "mental_health", foundationTrust: true, turnoverM: 380, ce: "Michael Osei", chair: "Jennifer Blake", neds: ["Robert Lam", "Deborah Finch"], exec: "Anil Kapoor", sec: "Dominic Shaw" },
      { ods: "RSC", name: "Southmoor Community Services NHS Trust", trustType: "community", foundationTrust: false, turnoverM: 160, ce: "Laura Bennett", chair: "Ian McLeod", neds: ["Yvonne Clarke", "Simon Patel"], exec: "Natalie Brooks", sec: "Alison Pike" },
      { ods: "RSD", name: "Westbrook Hospitals NHS Trust", trustType: "acute", foundationTrust: false, turnoverM: 540, ce: "Andrew Kowalski", chair: "Susan Harding", neds: ["Oliver Grant", "Ayesha Malik"], exec: "Paul Jennings", sec: "Frank Ogden" },
      { ods: "RSE", name: "Southmoor Children's Hospital NHS Foundation Trust", trustType: "specialist", foundationTrust: true, turnoverM: 300, ce: "Rachel Foster", chair: "Geoffrey Lyons", neds: ["Mei Wong", "Brian Cartwright"], exec: "Hannah Price", sec: "Lorna Webb" },
    ],
  },
];

export function demoEmail(local: string) {
  return `${local}@${DEMO_EMAIL_DOMAIN}`;
}

/** The demo accounts as the sign-in page and README list them. */
export function demoAccounts() {
  const rows: { email: string; name: string; role: string; organisation: string }[] = [
    { email: demoEmail("admin"), name: "Alex Morgan", role: "Administrator", organisation: DEMO_NATIONAL.name },
    { email: demoEmail("analyst"), name: "Jordan Ellis", role: "National analyst", organisation: DEMO_NATIONAL.name },
  ];
  for (const ics of DEMO_ICSS) {
    rows.push({ email: demoEmail(`ics.${ics.ods.toLowerCase()}`), name: ics.lead, role: "ICS lead", organisation: ics.name });
    for (const t of ics.trusts) {
      const o = t.ods.toLowerCase();
      rows.push({ email: demoEmail(`ce.${o}`), name: t.ce, role: "Chief Executive", organisation: t.name });
      rows.push({ email: demoEmail(`chair.${o}`), name: t.chair, role: "Chair", organisation: t.name });
      rows.push({ email: demoEmail(`ned1.${o}`), name: t.neds[0], role: "Non-Executive Director", organisation: t.name });
      rows.push({ email: demoEmail(`ned2.${o}`), name: t.neds[1], role: "Non-Executive Director", organisation: t.name });
      rows.push({ email: demoEmail(`exec.${o}`), name: t.exec, role: "Executive Director", organisation: t.name });
      rows.push({ email: demoEmail(`sec.${o}`), name: t.sec, role: "Company Secretary", organisation: t.name });
    }
  }
  return rows;
}
