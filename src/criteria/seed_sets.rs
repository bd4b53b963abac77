//! The built-in criteria sets, from `shared/reference/vietnam-rules.md` ("Criteria sets").
//!
//! Criterion names are the public texts (firm where the reference says so). Indicator texts
//! are the structure the reference gives ("likely, structure only — to be confirmed by the
//! owning office"); every number the public text did not give — every North Central target,
//! every percentage, income per year — ships as *waiting for the owning office*, never as a
//! guessed number. A yes/no indicator's target is "đạt", which is the indicator itself.
//!
//! Each criterion is one line: `number | name | group | owner | indicators`, indicators split
//! by `;`, each `m:text` where `m` is the measure (y yes/no, p percentage, n number, a amount,
//! c count; `-` a yes/no indicator whose content the office has yet to write, so its target
//! waits too) and a trailing `@2022-2025` gives one target per year.

/// One built-in set.
pub struct SetSeed {
    pub code: &'static str,
    pub name: &'static str,
    pub decision_number: &'static str,
    pub decision_date: (i32, u32, u32),
    pub decision_body: &'static str,
    pub subject_kind: &'static str,
    pub valid_from: (i32, u32, u32),
    pub valid_to: Option<(i32, u32, u32)>,
    pub basis: &'static str,
    pub prerequisite: Option<&'static str>,
    /// Conditions of recognition beyond the criteria (codes of `recognition::Condition`).
    pub conditions: &'static str,
    pub outstanding_field: bool,
    pub note: &'static str,
    pub criteria: &'static str,
}

const TO_COMPLETE: &str = "Chưa tìm được quyết định của tỉnh: bộ tiêu chí chỉ có tên tiêu chí, \
nội dung chỉ tiêu do phòng phụ trách hoàn thiện.";

pub const SETS: &[SetSeed] = &[
    SetSeed {
        code: "NTM_XA_2021",
        name: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025",
        decision_number: "318/QĐ-TTg",
        decision_date: (2022, 3, 8),
        decision_body: "Thủ tướng Chính phủ",
        subject_kind: "commune",
        valid_from: (2022, 1, 1),
        valid_to: Some((2025, 12, 31)),
        basis: "region",
        prerequisite: None,
        conditions: "no_debt,satisfaction,security",
        outstanding_field: false,
        note: "Hà Tĩnh áp dụng chỉ tiêu vùng Bắc Trung Bộ; mọi con số chờ phòng phụ trách nhập.",
        criteria: "\
1|Quy hoạch|Quy hoạch|HL-QLDT|y:Có quy hoạch chung xây dựng xã được phê duyệt và công bố công khai;y:Ban hành quy định quản lý quy hoạch chung xây dựng xã
2|Giao thông|Hạ tầng kinh tế – xã hội|HL-QLDT|p:Đường xã được nhựa hóa hoặc bê tông hóa;p:Đường thôn, liên thôn được cứng hóa;p:Đường ngõ, xóm sạch và đáp ứng đi lại;p:Đường trục chính nội đồng được cứng hóa
3|Thủy lợi và phòng, chống thiên tai|Hạ tầng kinh tế – xã hội|HL-KT|p:Diện tích đất sản xuất nông nghiệp được tưới và tiêu nước chủ động;y:Đảm bảo yêu cầu phòng, chống thiên tai tại chỗ
4|Điện|Hạ tầng kinh tế – xã hội|HL-KT|y:Hệ thống điện đạt chuẩn;p:Hộ có đăng ký trực tiếp được sử dụng điện an toàn
5|Trường học|Hạ tầng kinh tế – xã hội|HL-GDDT|p:Trường học các cấp có cơ sở vật chất và thiết bị dạy học đạt chuẩn
6|Cơ sở vật chất văn hóa|Hạ tầng kinh tế – xã hội|HL-VHTT|y:Có nhà văn hóa hoặc hội trường đa năng và sân thể thao;y:Có điểm vui chơi, giải trí cho trẻ em và người cao tuổi;p:Thôn có nhà văn hóa hoặc nơi sinh hoạt cộng đồng
7|Cơ sở hạ tầng thương mại nông thôn|Hạ tầng kinh tế – xã hội|HL-KT|y:Có chợ hoặc cơ sở bán lẻ đạt chuẩn
8|Thông tin và Truyền thông|Hạ tầng kinh tế – xã hội|HL-VHTT|y:Có điểm phục vụ bưu chính;y:Có dịch vụ viễn thông, internet;y:Có đài truyền thanh và hệ thống loa đến các thôn;y:Có ứng dụng công nghệ thông tin trong quản lý, điều hành
9|Nhà ở dân cư|Hạ tầng kinh tế – xã hội|HL-QLDT|y:Không có nhà tạm, nhà dột nát;p:Tỷ lệ hộ có nhà ở kiên cố hoặc bán kiên cố
10|Thu nhập|Kinh tế và tổ chức sản xuất|HL-KT|a:Thu nhập bình quân đầu người (triệu đồng/người/năm)@2022-2025
11|Nghèo đa chiều|Kinh tế và tổ chức sản xuất|HL-LDTBXH|p:Tỷ lệ nghèo đa chiều
12|Lao động|Kinh tế và tổ chức sản xuất|HL-LDTBXH|p:Tỷ lệ người có việc làm trên dân số trong độ tuổi lao động;p:Tỷ lệ lao động qua đào tạo
13|Tổ chức sản xuất và phát triển kinh tế nông thôn|Kinh tế và tổ chức sản xuất|HL-KT|y:Có hợp tác xã hoạt động hiệu quả;y:Có mô hình liên kết sản xuất gắn với tiêu thụ sản phẩm chủ lực;y:Sản phẩm chủ lực được truy xuất nguồn gốc
14|Giáo dục và Đào tạo|Văn hóa – xã hội – môi trường|HL-GDDT|y:Phổ cập giáo dục và xóa mù chữ đạt chuẩn;p:Tỷ lệ học sinh tốt nghiệp trung học cơ sở tiếp tục học
15|Y tế|Văn hóa – xã hội – môi trường|HL-YT|p:Tỷ lệ người dân tham gia bảo hiểm y tế;y:Xã đạt tiêu chí quốc gia về y tế;p:Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi;p:Tỷ lệ dân số có sổ khám chữa bệnh điện tử
16|Văn hóa|Văn hóa – xã hội – môi trường|HL-VHTT|p:Tỷ lệ thôn đạt chuẩn văn hóa
17|Môi trường và an toàn thực phẩm|Văn hóa – xã hội – môi trường|HL-TNMT|p:Tỷ lệ hộ sử dụng nước sạch;y:Thu gom, xử lý chất thải rắn đúng quy định;y:Bảo đảm an toàn thực phẩm
18|Hệ thống chính trị và tiếp cận pháp luật|Hệ thống chính trị|HL-NV|y:Cán bộ, công chức xã đạt chuẩn;y:Đảng bộ, chính quyền xã được xếp loại hoàn thành tốt nhiệm vụ trở lên;y:Tổ chức chính trị – xã hội được đánh giá hoàn thành tốt nhiệm vụ trở lên;y:Xã đạt chuẩn tiếp cận pháp luật;y:Đảm bảo bình đẳng giới và phòng, chống bạo lực gia đình
19|Quốc phòng và An ninh|Hệ thống chính trị|HL-CA|y:Xây dựng lực lượng dân quân vững mạnh, rộng khắp;y:Đảm bảo an ninh, trật tự xã hội",
    },
    SetSeed {
        code: "NTM_NC_2021",
        name: "Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao giai đoạn 2021–2025",
        decision_number: "318/QĐ-TTg (Phụ lục II)",
        decision_date: (2022, 3, 8),
        decision_body: "Thủ tướng Chính phủ",
        subject_kind: "commune",
        valid_from: (2022, 1, 1),
        valid_to: Some((2025, 12, 31)),
        basis: "region",
        prerequisite: Some("NTM_XA_2021"),
        conditions: "no_debt,satisfaction,security",
        outstanding_field: false,
        note: "Danh mục 19 tiêu chí riêng (chưa xác nhận đủ); chỉ tiêu chờ phòng phụ trách nhập.",
        criteria: "\
1|Quy hoạch|Quy hoạch|HL-QLDT|y:Quy hoạch chung xây dựng xã còn thời hạn, được rà soát, điều chỉnh
2|Giao thông|Hạ tầng kinh tế – xã hội|HL-QLDT|p:Đường xã, thôn được nhựa hóa hoặc bê tông hóa, có cây xanh, chiếu sáng
3|Thủy lợi và phòng, chống thiên tai|Hạ tầng kinh tế – xã hội|HL-KT|p:Diện tích đất sản xuất được tưới tiên tiến, tiết kiệm nước
4|Điện|Hạ tầng kinh tế – xã hội|HL-KT|p:Tỷ lệ hộ sử dụng điện an toàn, ổn định
5|Giáo dục|Văn hóa – xã hội – môi trường|HL-GDDT|p:Trường học đạt chuẩn quốc gia
6|Văn hóa|Văn hóa – xã hội – môi trường|HL-VHTT|p:Tỷ lệ thôn đạt chuẩn văn hóa
7|Cơ sở hạ tầng thương mại nông thôn|Hạ tầng kinh tế – xã hội|HL-KT|y:Có chợ đạt tiêu chuẩn hoặc điểm bán hàng OCOP
8|Thông tin và Truyền thông|Hạ tầng kinh tế – xã hội|HL-VHTT|y:Có dịch vụ công trực tuyến mức độ cao
9|Nhà ở dân cư|Hạ tầng kinh tế – xã hội|HL-QLDT|p:Tỷ lệ nhà ở kiên cố
10|Thu nhập|Kinh tế và tổ chức sản xuất|HL-KT|a:Thu nhập bình quân đầu người (triệu đồng/người/năm)@2022-2025
11|Nghèo đa chiều|Kinh tế và tổ chức sản xuất|HL-LDTBXH|p:Tỷ lệ nghèo đa chiều
12|Lao động|Kinh tế và tổ chức sản xuất|HL-LDTBXH|p:Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ
13|Tổ chức sản xuất và phát triển kinh tế nông thôn|Kinh tế và tổ chức sản xuất|HL-KT|c:Sản phẩm OCOP đạt 3 sao trở lên
14|Y tế|Văn hóa – xã hội – môi trường|HL-YT|p:Tỷ lệ người dân tham gia bảo hiểm y tế
15|Hành chính công|Hệ thống chính trị|HL-NV|y:Giải quyết thủ tục hành chính đúng hạn
16|Tiếp cận pháp luật|Hệ thống chính trị|HL-NV|y:Đạt chuẩn tiếp cận pháp luật
17|Môi trường|Văn hóa – xã hội – môi trường|HL-TNMT|p:Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý
18|Chất lượng môi trường sống|Văn hóa – xã hội – môi trường|HL-TNMT|p:Tỷ lệ hộ sử dụng nước sạch theo quy chuẩn
19|Quốc phòng và an ninh|Hệ thống chính trị|HL-CA|y:Đạt chuẩn an toàn về an ninh, trật tự",
    },
    SetSeed {
        code: "NTM_KM_2021",
        name: "Xã nông thôn mới kiểu mẫu giai đoạn 2021–2025",
        decision_number: "319/QĐ-TTg",
        decision_date: (2022, 3, 8),
        decision_body: "Thủ tướng Chính phủ",
        subject_kind: "commune",
        valid_from: (2022, 1, 1),
        valid_to: Some((2025, 12, 31)),
        basis: "single",
        prerequisite: Some("NTM_NC_2021"),
        conditions: "no_debt,satisfaction,security",
        outstanding_field: true,
        note: "Lĩnh vực nổi trội ghi trong quyết định công nhận.",
        criteria: "\
1|Thu nhập cao hơn mức nông thôn mới nâng cao|Điều kiện|HL-KT|p:Thu nhập bình quân đầu người cao hơn mức xã nông thôn mới nâng cao tại thời điểm xét (%)
2|Thôn thông minh|Điều kiện|HL-VPNTM|c:Số thôn thông minh
3|Lĩnh vực nổi trội|Điều kiện|HL-VPNTM|y:Đạt chuẩn kiểu mẫu ở ít nhất một lĩnh vực nổi trội do tỉnh quy định",
    },
    SetSeed {
        code: "DTVM_PHUONG_HT",
        name: "Tiêu chí phường đạt chuẩn văn minh đô thị (Hà Tĩnh)",
        decision_number: "18/2020/QĐ-UBND",
        decision_date: (2020, 8, 7),
        decision_body: "UBND tỉnh Hà Tĩnh",
        subject_kind: "ward",
        valid_from: (2020, 8, 7),
        valid_to: None,
        basis: "single",
        prerequisite: None,
        conditions: "satisfaction,security",
        outstanding_field: false,
        note: "Quy định tạm thời, theo Thông tư 02/2013/TT-BVHTTDL; chưa rõ đã được thay sau 2022.",
        criteria: "\
1|Quy hoạch, kiến trúc và quản lý quy hoạch|Hạ tầng đô thị|HL-QLDT|y:Có quy hoạch chi tiết được phê duyệt, công khai và quản lý theo quy hoạch
2|Giao thông và hạ tầng kỹ thuật|Hạ tầng đô thị|HL-QLDT|p:Đường phố được nhựa hóa hoặc bê tông hóa, có chiếu sáng và thoát nước
3|Nhà ở|Hạ tầng đô thị|HL-QLDT|y:Không có nhà tạm, nhà dột nát
4|Điện|Hạ tầng đô thị|HL-KT|p:Hộ sử dụng điện an toàn
5|Thông tin và truyền thông|Hạ tầng đô thị|HL-VHTT|y:Có hệ thống truyền thanh và ứng dụng công nghệ thông tin
6|Môi trường|Môi trường|HL-TNMT|p:Chất thải rắn sinh hoạt được thu gom, xử lý
7|Nước sạch, vệ sinh an toàn thực phẩm|Môi trường|HL-TNMT|p:Hộ sử dụng nước sạch;y:Không để xảy ra ngộ độc thực phẩm đông người
8|Cơ sở vật chất văn hóa|Văn hóa – xã hội|HL-VHTT|y:Có nhà văn hóa và khu thể thao
9|Văn hóa|Văn hóa – xã hội|HL-VHTT|p:Tổ dân phố đạt danh hiệu văn hóa
10|Thực hiện nếp sống văn minh đô thị|Văn hóa – xã hội|HL-VHTT|p:Hộ gia đình thực hiện nếp sống văn minh đô thị
11|Công nghiệp, thương mại và dịch vụ|Kinh tế|HL-KT|y:Có hệ thống thương mại, dịch vụ văn minh
12|Trường học, giáo dục và đào tạo|Văn hóa – xã hội|HL-GDDT|p:Trường học đạt chuẩn quốc gia
13|Thu nhập|Kinh tế|HL-KT|a:Thu nhập bình quân đầu người (triệu đồng/người/năm)
14|Tỷ lệ hộ nghèo|Kinh tế|HL-LDTBXH|p:Tỷ lệ hộ nghèo
15|Lao động có việc làm|Kinh tế|HL-LDTBXH|p:Tỷ lệ lao động có việc làm thường xuyên
16|Y tế|Văn hóa – xã hội|HL-YT|y:Trạm y tế đạt chuẩn quốc gia;p:Tỷ lệ người dân tham gia bảo hiểm y tế
17|Hệ thống chính trị và tiếp cận pháp luật|Hệ thống chính trị|HL-NV|y:Tổ chức cơ sở đảng, chính quyền hoàn thành tốt nhiệm vụ;y:Đạt chuẩn tiếp cận pháp luật
18|Quốc phòng và an ninh|Hệ thống chính trị|HL-CA|y:Đảm bảo an ninh, trật tự an toàn xã hội",
    },
    SetSeed {
        code: "TUYEN_PHO_VM",
        name: "Tuyến phố văn minh",
        decision_number: "",
        decision_date: (2022, 7, 1),
        decision_body: "",
        subject_kind: "street",
        valid_from: (2022, 1, 1),
        valid_to: None,
        basis: "single",
        prerequisite: None,
        conditions: "",
        outstanding_field: false,
        note: TO_COMPLETE,
        criteria: "\
1|Cảnh quan, vệ sinh môi trường|Tuyến phố|HL-QLDT|-:Chờ phòng phụ trách hoàn thiện nội dung
2|Trật tự đô thị, an toàn giao thông|Tuyến phố|HL-QLDT|-:Chờ phòng phụ trách hoàn thiện nội dung
3|Kinh doanh văn minh|Tuyến phố|HL-KT|-:Chờ phòng phụ trách hoàn thiện nội dung
4|Nếp sống văn minh, an ninh trật tự|Tuyến phố|HL-VHTT|-:Chờ phòng phụ trách hoàn thiện nội dung",
    },
    SetSeed {
        code: "KDC_KIEU_MAU",
        name: "Khu dân cư nông thôn mới kiểu mẫu",
        decision_number: "",
        decision_date: (2022, 7, 1),
        decision_body: "",
        subject_kind: "village",
        valid_from: (2022, 1, 1),
        valid_to: None,
        basis: "single",
        prerequisite: None,
        conditions: "",
        outstanding_field: false,
        note: TO_COMPLETE,
        criteria: "\
1|Cảnh quan (hàng rào xanh, vườn gọn gàng)|Khu dân cư|HL-VPNTM|-:Chờ phòng phụ trách hoàn thiện nội dung
2|Thu nhập từ vườn|Khu dân cư|HL-KT|-:Chờ phòng phụ trách hoàn thiện nội dung
3|Môi trường, vệ sinh (rác thải, nhà tắm, nhà vệ sinh, bể nước)|Khu dân cư|HL-TNMT|-:Chờ phòng phụ trách hoàn thiện nội dung",
    },
    SetSeed {
        code: "VUON_MAU",
        name: "Vườn mẫu",
        decision_number: "",
        decision_date: (2022, 7, 1),
        decision_body: "",
        subject_kind: "household",
        valid_from: (2022, 1, 1),
        valid_to: None,
        basis: "single",
        prerequisite: None,
        conditions: "",
        outstanding_field: false,
        note: TO_COMPLETE,
        criteria: "\
1|Cảnh quan vườn, hàng rào xanh|Vườn|HL-VPNTM|-:Chờ phòng phụ trách hoàn thiện nội dung
2|Thu nhập từ vườn|Vườn|HL-KT|-:Chờ phòng phụ trách hoàn thiện nội dung
3|Vệ sinh môi trường (rác thải, nhà tắm, nhà vệ sinh, bể nước)|Vườn|HL-TNMT|-:Chờ phòng phụ trách hoàn thiện nội dung",
    },
    SetSeed {
        code: "GIA_DINH_5_CO",
        name: "Gia đình «5 có»",
        decision_number: "",
        decision_date: (2022, 7, 1),
        decision_body: "UBND thị xã Hồng Lĩnh (Kế hoạch tháng 7/2022, mục V.1.f)",
        subject_kind: "household",
        valid_from: (2022, 1, 1),
        valid_to: None,
        basis: "single",
        prerequisite: None,
        conditions: "",
        outstanding_field: false,
        note: "Năm nội dung do kế hoạch nêu; cách đánh giá từng nội dung do phòng phụ trách hoàn thiện.",
        criteria: "\
1|Có nhà ở an toàn|Gia đình|HL-QLDT|y:Có nhà ở an toàn
2|Có sinh kế bền vững|Gia đình|HL-LDTBXH|y:Có sinh kế bền vững
3|Có nếp sống văn hóa|Gia đình|HL-VHTT|y:Có nếp sống văn hóa
4|Có tri thức|Gia đình|HL-GDDT|y:Có tri thức
5|Có sức khỏe|Gia đình|HL-YT|y:Có sức khỏe",
    },
    SetSeed {
        code: "NTM_XA_2026",
        name: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030",
        decision_number: "51/2025/QĐ-TTg",
        decision_date: (2025, 12, 29),
        decision_body: "Thủ tướng Chính phủ",
        subject_kind: "commune",
        valid_from: (2026, 2, 15),
        valid_to: Some((2030, 12, 31)),
        basis: "commune_group",
        prerequisite: None,
        conditions: "no_debt,satisfaction,security",
        outstanding_field: false,
        note: "47 chỉ tiêu (số chỉ tiêu của từng tiêu chí chưa rõ); chỉ tiêu theo 3 nhóm xã chờ phòng phụ trách nhập.",
        criteria: "\
1|Quy hoạch|Quy hoạch|HL-QLDT|-:Chờ phòng phụ trách hoàn thiện nội dung
2|Hạ tầng kinh tế – xã hội|Hạ tầng|HL-QLDT|-:Chờ phòng phụ trách hoàn thiện nội dung
3|Phát triển kinh tế nông thôn|Kinh tế|HL-KT|-:Chờ phòng phụ trách hoàn thiện nội dung
4|Đào tạo nguồn nhân lực nông thôn|Kinh tế|HL-LDTBXH|-:Chờ phòng phụ trách hoàn thiện nội dung
5|Văn hóa, giáo dục, y tế|Văn hóa – xã hội|HL-VHTT|-:Chờ phòng phụ trách hoàn thiện nội dung
6|Giảm nghèo và an sinh xã hội|Văn hóa – xã hội|HL-LDTBXH|-:Chờ phòng phụ trách hoàn thiện nội dung
7|Khoa học công nghệ và chuyển đổi số|Kinh tế|HL-VHTT|-:Chờ phòng phụ trách hoàn thiện nội dung
8|Môi trường và cảnh quan nông thôn|Môi trường|HL-TNMT|-:Chờ phòng phụ trách hoàn thiện nội dung
9|Xây dựng hệ thống chính trị và hành chính công|Hệ thống chính trị|HL-NV|-:Chờ phòng phụ trách hoàn thiện nội dung
10|Tiếp cận pháp luật và an ninh, quốc phòng|Hệ thống chính trị|HL-CA|-:Chờ phòng phụ trách hoàn thiện nội dung",
    },
];
