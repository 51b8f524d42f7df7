import { describe, expect, it } from "vitest";
import { hasFraming, stripFraming } from "../../src/policy/framing.js";

describe("framing of a notice", () => {
  it("drops a purpose or basis piece and keeps the order", () => {
    expect(stripFraming("为巩固创文成果，请各社区对沿街门店逐家查看")).toBe("请各社区对沿街门店逐家查看");
    expect(stripFraming("按照区生态环境局统一部署，各社区把辖区烧烤摊的油烟净化器查一遍")).toBe("各社区把辖区烧烤摊的油烟净化器查一遍");
  });

  it("drops an occasion piece", () => {
    expect(stripFraming("汛期来临之际，请各网格员把河沟里的垃圾捞干净")).toBe("请各网格员把河沟里的垃圾捞干净");
    expect(hasFraming("春节将至，大家注意安全")).toBe(true);
    expect(hasFraming("大家周末注意安全，收到请回复")).toBe(false);
    expect(hasFraming("国庆假期期间，请值班人员保持电话畅通")).toBe(true);
  });

  it("never drops a piece that gives an order", () => {
    expect(stripFraming("为确保安全，请各社区即日起逐户排查")).toBe("请各社区即日起逐户排查");
    expect(stripFraming("请各社区为辖区老人发放慰问品")).toBe("请各社区为辖区老人发放慰问品");
  });

  it("keeps the clause whole when everything is framing", () => {
    expect(stripFraming("根据区里要求")).toBe("根据区里要求");
  });

  it("blanks inspections the community undergoes", () => {
    expect(stripFraming("下月要迎接省里的创卫检查，请各社区补齐资料")).not.toMatch(/检查/);
    expect(stripFraming("各社区做好迎检准备，把台账整理好")).not.toMatch(/迎检/);
  });
});
